variable "name" {
  description = "Name of the state machine, `<project>-<environment>-order-workflow`."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,80}$", var.name))
    error_message = "name must be 1-80 characters of letters, digits, hyphens and underscores."
  }
}

variable "definition_file" {
  description = "Path of the ASL template (contracts/order-workflow.asl.json); its $${...} placeholders are filled by templatefile()."
  type        = string

  validation {
    condition     = endswith(var.definition_file, ".asl.json") && fileexists(var.definition_file)
    error_message = "definition_file must be an existing *.asl.json file."
  }
}

variable "validator_function_arn" {
  description = "ARN of the function behind the ValidateOrder task."
  type        = string
}

variable "order_storage_function_arn" {
  description = "ARN of the function behind the StoreOrder and DiscardOrder tasks."
  type        = string
}

variable "order_queue_url" {
  description = "URL of the queue the EnqueueOrder task sends to."
  type        = string
}

variable "order_queue_arn" {
  description = "ARN of that same queue (for the role's sqs:SendMessage)."
  type        = string
}

variable "function_alias" {
  description = "The alias of the task functions the workflow invokes (`<function ARN>:<alias>`): the ASL's $${function_alias}."
  type        = string
  default     = "live"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", var.function_alias))
    error_message = "function_alias must be a Lambda alias name."
  }
}

variable "log_level" {
  description = "Execution log level. Express executions keep no history: their logs are the only record. ERROR keeps every failed execution with its data; ALL also logs every successful one, about 23 events and 25 KB per order, which more than doubles the cost per order (docs/cost.md)."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["ALL", "ERROR", "FATAL"], var.log_level)
    error_message = "log_level must be ALL, ERROR or FATAL (logging stays on)."
  }
}

variable "include_execution_data" {
  description = "Log each state's input and output with the execution events. Off by default: orders carry customer ids, and the logs would keep them for the retention period."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Retention of the workflow's log group."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "tags" {
  description = "Tags applied to the state machine, its role and its log group."
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
