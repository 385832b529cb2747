variable "name_prefix" {
  description = "Prefix of the application, role and alarm names, `<project>-<environment>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-32 characters of lowercase letters, digits and hyphens."
  }
}

variable "aws_region" {
  description = "Region of the alarms."
  type        = string
}

variable "partition" {
  description = "AWS partition of the ARNs (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"
}

variable "functions" {
  description = "Per app: its function's name, the ARN of its alias, the version the apply published, and the p99 duration (ms) above which its deployment rolls back."
  type = map(object({
    function_name   = string
    alias_arn       = string
    version         = string
    p99_duration_ms = number
  }))

  validation {
    condition     = alltrue([for fn in values(var.functions) : fn.p99_duration_ms > 0])
    error_message = "p99_duration_ms must be positive."
  }
}

variable "alias_name" {
  description = "The alias CodeDeploy shifts."
  type        = string
  default     = "live"
}

variable "deployment_config_name" {
  description = "How CodeDeploy shifts the alias: all at once, canary (a slice, then the rest) or linear (equal steps)."
  type        = string

  validation {
    condition = contains([
      "CodeDeployDefault.LambdaAllAtOnce",
      "CodeDeployDefault.LambdaCanary10Percent5Minutes",
      "CodeDeployDefault.LambdaCanary10Percent10Minutes",
      "CodeDeployDefault.LambdaCanary10Percent15Minutes",
      "CodeDeployDefault.LambdaCanary10Percent30Minutes",
      "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
      "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes",
      "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes",
      "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes",
    ], var.deployment_config_name)
    error_message = "deployment_config_name must be one of CodeDeploy's predefined Lambda configurations (CodeDeployDefault.LambdaAllAtOnce, ...Canary10Percent5Minutes, ...Linear10PercentEvery1Minute, ...)."
  }
}

variable "rollback_alarms" {
  description = "When a deployment rolls back: errors of a function's alias, failed workflow executions, in one period (seconds)."
  type = object({
    errors            = number
    workflow_failures = number
    period_seconds    = number
  })

  validation {
    condition     = var.rollback_alarms.errors >= 1 && var.rollback_alarms.workflow_failures >= 1 && contains([10, 30, 60, 120, 300], var.rollback_alarms.period_seconds)
    error_message = "rollback_alarms: errors and workflow_failures at least 1; period_seconds 10, 30, 60, 120 or 300."
  }
}

variable "state_machine_arn" {
  description = "The order workflow, whose failed executions roll deployments back."
  type        = string
}

variable "alarm_actions" {
  description = "Where the rollback alarms notify (the alerts topic), besides rolling back."
  type        = list(string)
  default     = []
}

variable "permissions_boundary_arn" {
  description = "ARN of the deployment's permissions boundary; CodeDeploy's role carries it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN."
  }
}

variable "tags" {
  description = "Tags applied to the application, groups, role and alarms."
  type        = map(string)
  default     = {}
}
