variable "name_prefix" {
  description = "Prefix of every function, role and log group name, `<project>-<environment>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-32 characters of lowercase letters, digits and hyphens."
  }
}

variable "functions" {
  description = <<-EOT
    One entry per Lambda app (apps/<app>/lambda.json), keyed by app name: the bundled zip, its handler,
    timeout and memory, the environment, and the IAM statements (exact actions on exact ARNs) the
    function needs beyond writing its own logs and traces.
  EOT
  type = map(object({
    description  = string
    package_path = string
    handler      = string
    timeout      = number
    memory_size  = number
    environment  = map(string)
    policy_statements = list(object({
      actions   = list(string)
      resources = list(string)
    }))
    reserved_concurrency = optional(number, -1)
  }))

  validation {
    condition     = alltrue([for name in keys(var.functions) : can(regex("^[a-z][a-z0-9-]{1,30}$", name))])
    error_message = "Function keys must be app names: lowercase letters, digits and hyphens."
  }

  validation {
    condition     = alltrue([for fn in values(var.functions) : fileexists(fn.package_path)])
    error_message = "A Lambda bundle is missing: run `npm run build` (or `npx nx run <app>:bundle`) to create dist/artifacts/<app>.zip before planning."
  }

  validation {
    condition     = alltrue([for fn in values(var.functions) : fn.timeout >= 1 && fn.timeout <= 900])
    error_message = "Every timeout must be from 1 to 900 seconds."
  }

  validation {
    condition     = alltrue([for fn in values(var.functions) : fn.memory_size >= 128 && fn.memory_size <= 10240])
    error_message = "Every memory_size must be from 128 to 10240 MB."
  }

  validation {
    condition = alltrue(flatten([
      for fn in values(var.functions) : [for statement in fn.policy_statements : [for action in statement.actions : !strcontains(action, "*")]]
    ]))
    error_message = "Function policies name exact actions: no wildcard in an action."
  }
}

variable "queue_triggers" {
  description = "SQS event sources keyed by function key: the queue, batching, and the maximum concurrency the mapping may scale to (protects what the function writes to)."
  type = map(object({
    queue_arn                          = string
    batch_size                         = number
    maximum_batching_window_in_seconds = number
    maximum_concurrency                = number
  }))
  default = {}

  validation {
    condition     = alltrue([for trigger in values(var.queue_triggers) : trigger.maximum_concurrency >= 2 && trigger.maximum_concurrency <= 1000])
    error_message = "maximum_concurrency of an SQS event source must be from 2 to 1000."
  }

  validation {
    condition     = alltrue([for trigger in values(var.queue_triggers) : trigger.batch_size >= 1 && trigger.batch_size <= 10000])
    error_message = "batch_size must be from 1 to 10000."
  }
}

variable "runtime" {
  description = "Lambda runtime of every function."
  type        = string
  default     = "nodejs24.x"

  validation {
    condition     = contains(["nodejs24.x"], var.runtime)
    error_message = "The bundles target Node 24: runtime must be nodejs24.x."
  }
}

variable "architecture" {
  description = "Instruction set of every function."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "log_retention_days" {
  description = "Retention of each function's log group."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "tags" {
  description = "Tags applied to every function, role and log group."
  type        = map(string)
  default     = {}
}

variable "permissions_boundary_arn" {
  description = "ARN of the deployment's permissions boundary; every role this module creates carries it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN."
  }
}

variable "alias_name" {
  description = "Name of the alias every caller invokes and CodeDeploy shifts."
  type        = string
  default     = "live"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", var.alias_name)) && !can(regex("^[0-9]+$", var.alias_name))
    error_message = "alias_name must be a Lambda alias name (letters, digits, - and _, not a number)."
  }
}

variable "log_level" {
  description = "Level of the functions' structured logs (POWERTOOLS_LOG_LEVEL)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level must be DEBUG, INFO, WARN or ERROR."
  }
}
