variable "name_prefix" {
  description = "Prefix of the topic, alarm and dashboard names, `<project>-<environment>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-32 characters of lowercase letters, digits and hyphens."
  }
}

variable "aws_region" {
  description = "Region of the monitored resources (dashboard widgets and URL)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like ap-south-1."
  }
}

variable "topic_name" {
  description = "Logical name of the alerts topic (contracts/resources.json `topics`)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,200}$", var.topic_name))
    error_message = "topic_name must be letters, digits, hyphens and underscores."
  }
}

variable "notification_email" {
  description = "Address subscribed to the alerts topic (it must confirm the subscription); null for none."
  type        = string
  default     = null

  validation {
    condition     = var.notification_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.notification_email))
    error_message = "notification_email must be an email address or null."
  }
}

variable "enable_failed_orders_alarm" {
  description = "Alarm when orders fail (reach the DLQ) faster than the threshold."
  type        = bool
  default     = true
}

variable "failed_orders_metric" {
  description = "The metric the DLQ processor emits per failed order (contracts/resources.json `metrics`)."
  type = object({
    namespace = string
    name      = string
    service   = string
  })
}

variable "failed_orders_threshold" {
  description = "Failed orders per period that raise the alarm."
  type        = number

  validation {
    condition     = var.failed_orders_threshold >= 1
    error_message = "failed_orders_threshold must be at least 1."
  }
}

variable "failed_orders_period_seconds" {
  description = "Period over which failed orders are counted."
  type        = number

  validation {
    condition     = contains([60, 300, 900, 3600], var.failed_orders_period_seconds)
    error_message = "failed_orders_period_seconds must be 60, 300, 900 or 3600."
  }
}

variable "queue_name" {
  description = "Name of the work queue (order_queue)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,80}$", var.queue_name))
    error_message = "queue_name must be an SQS queue name."
  }
}

variable "dead_letter_queue_name" {
  description = "Name of the dead-letter queue (order_dlq)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,80}$", var.dead_letter_queue_name))
    error_message = "dead_letter_queue_name must be an SQS queue name."
  }
}

variable "dead_letter_queue_depth_threshold" {
  description = "Visible DLQ messages, sustained for 15 minutes, that mean the DLQ processor is not draining it."
  type        = number
  default     = 1

  validation {
    condition     = var.dead_letter_queue_depth_threshold >= 1
    error_message = "dead_letter_queue_depth_threshold must be at least 1."
  }
}

variable "dead_letter_queue_age_threshold_seconds" {
  description = "Age of the oldest DLQ message that means the DLQ processor is failing."
  type        = number
  default     = 900

  validation {
    condition     = var.dead_letter_queue_age_threshold_seconds >= 60
    error_message = "dead_letter_queue_age_threshold_seconds must be at least 60."
  }
}

variable "queue_age_threshold_seconds" {
  description = "Age of the oldest order_queue message that means fulfillment is falling behind."
  type        = number
  default     = 900

  validation {
    condition     = var.queue_age_threshold_seconds >= 60
    error_message = "queue_age_threshold_seconds must be at least 60."
  }
}

variable "api_name" {
  description = "Name of the REST API (ApiName dimension)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.api_name))
    error_message = "api_name must be a REST API name."
  }
}

variable "api_stage_name" {
  description = "Name of the API stage (Stage dimension)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.api_stage_name))
    error_message = "api_stage_name must be a stage name."
  }
}

variable "api_5xx_threshold" {
  description = "5XX answers per 5 minutes that raise the alarm."
  type        = number
  default     = 5

  validation {
    condition     = var.api_5xx_threshold >= 1
    error_message = "api_5xx_threshold must be at least 1."
  }
}

variable "function_names" {
  description = "Lambda function names keyed by app; each gets an errors and a throttles alarm."
  type        = map(string)

  validation {
    condition     = alltrue([for name in values(var.function_names) : can(regex("^[A-Za-z0-9_-]{1,64}$", name))])
    error_message = "function_names must map apps to Lambda function names."
  }
}

variable "lambda_error_threshold" {
  description = "Errors (unhandled failures) of one function per 5 minutes that raise its alarm."
  type        = number
  default     = 1

  validation {
    condition     = var.lambda_error_threshold >= 1
    error_message = "lambda_error_threshold must be at least 1."
  }
}

variable "state_machine_arn" {
  description = "ARN of the order workflow (StateMachineArn dimension)."
  type        = string
}

variable "workflow_failure_threshold" {
  description = "Failed plus timed-out workflow executions per 5 minutes that raise the alarm."
  type        = number
  default     = 1

  validation {
    condition     = var.workflow_failure_threshold >= 1
    error_message = "workflow_failure_threshold must be at least 1."
  }
}

variable "tags" {
  description = "Tags applied to the topic and the alarms."
  type        = map(string)
  default     = {}
}
