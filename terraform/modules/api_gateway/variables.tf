variable "name" {
  description = "Name of the REST API, `<project>-<environment>-api`."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.name))
    error_message = "name must be 1-128 characters of letters, digits, hyphens and underscores."
  }
}

variable "openapi_file" {
  description = "Path of contracts/openapi.yaml; its $${api_handler_invoke_arn} placeholder is filled by templatefile()."
  type        = string

  validation {
    condition     = fileexists(var.openapi_file)
    error_message = "openapi_file must be an existing file."
  }
}

variable "api_handler_invoke_arn" {
  description = "Invoke ARN of the api-handler function (the integration of every operation)."
  type        = string
}

variable "api_handler_function_name" {
  description = "Name of the api-handler function, for the permission that lets this API invoke it."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.api_handler_function_name))
    error_message = "api_handler_function_name must be a Lambda function name."
  }
}

variable "api_handler_qualifier" {
  description = "The api-handler's alias that the integration URI names (`...:function:<name>:<alias>/invocations`); the invoke permission is granted on it."
  type        = string
  default     = "live"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", var.api_handler_qualifier))
    error_message = "api_handler_qualifier must be a Lambda alias name."
  }
}

variable "stage_name" {
  description = "Name of the stage (the first path segment of the invoke URL)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.stage_name))
    error_message = "stage_name must be 1-128 characters of letters, digits, hyphens and underscores."
  }
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second the stage accepts across all methods."
  type        = number

  validation {
    condition     = var.throttling_rate_limit > 0 && var.throttling_rate_limit <= 10000
    error_message = "throttling_rate_limit must be from 1 to 10000 (the account's regional default)."
  }
}

variable "throttling_burst_limit" {
  description = "Burst of requests the stage accepts above the rate."
  type        = number

  validation {
    condition     = var.throttling_burst_limit >= 0 && var.throttling_burst_limit <= 5000 && floor(var.throttling_burst_limit) == var.throttling_burst_limit
    error_message = "throttling_burst_limit must be a whole number from 0 to 5000."
  }
}

variable "execution_logging_level" {
  description = "Level of API Gateway's execution logs."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["OFF", "ERROR", "INFO"], var.execution_logging_level)
    error_message = "execution_logging_level must be OFF, ERROR or INFO."
  }
}

variable "manage_account_logging_role" {
  description = "Create the account-and-region-wide role API Gateway needs to write logs to CloudWatch, and point the account's API Gateway settings at it. Set false when the account already has one (it is a singleton per region)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Retention of the access and execution log groups."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "tags" {
  description = "Tags applied to the API, its stage, role and log groups."
  type        = map(string)
  default     = {}
}

variable "clients" {
  description = <<-EOT
    The API's clients (shop backends), keyed by a short name: each gets an API key (sent as
    x-api-key) and a usage plan on this stage with its rate (requests per second), burst and daily
    quota. `key_value` imports a key managed elsewhere; null lets API Gateway generate one.
  EOT
  type = map(object({
    rate_limit  = number
    burst_limit = number
    daily_quota = number
    enabled     = optional(bool, true)
    key_value   = optional(string)
  }))
  default = {}

  validation {
    condition     = alltrue([for name in keys(var.clients) : can(regex("^[a-z][a-z0-9-]{0,31}$", name))])
    error_message = "Client names must be 1-32 characters of lowercase letters, digits and hyphens, starting with a letter."
  }

  validation {
    condition     = alltrue([for c in values(var.clients) : c.rate_limit > 0 && c.rate_limit <= 10000 && c.burst_limit >= 1 && c.burst_limit <= 5000 && floor(c.burst_limit) == c.burst_limit])
    error_message = "Each client's rate_limit must be above 0 and at most 10000 requests per second, and its burst_limit a whole number from 1 to 5000 (the account's regional limits)."
  }

  validation {
    condition     = alltrue([for c in values(var.clients) : c.daily_quota >= 1 && floor(c.daily_quota) == c.daily_quota])
    error_message = "Each client's daily_quota must be a whole number of requests, at least 1."
  }

  validation {
    condition     = alltrue([for c in values(var.clients) : c.key_value == null || can(regex("^[\\x21-\\x7E]{20,128}$", c.key_value))])
    error_message = "An imported key_value must be 20 to 128 printable ASCII characters (API Gateway's rule)."
  }
}

variable "permissions_boundary_arn" {
  description = "ARN of the deployment's permissions boundary; every role this module creates carries it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN."
  }
}
