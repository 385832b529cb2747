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
