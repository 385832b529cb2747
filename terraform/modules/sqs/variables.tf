variable "name_prefix" {
  description = "Prefix of every queue name, `<project>-<environment>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-32 characters of lowercase letters, digits and hyphens."
  }
}

variable "queue_name" {
  description = "Logical name of the work queue (contracts/resources.json `queues`), e.g. order_queue."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,40}$", var.queue_name))
    error_message = "queue_name must be 1-40 characters of letters, digits, hyphens and underscores."
  }
}

variable "dead_letter_queue_name" {
  description = "Logical name of the dead-letter queue, e.g. order_dlq."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,40}$", var.dead_letter_queue_name))
    error_message = "dead_letter_queue_name must be 1-40 characters of letters, digits, hyphens and underscores."
  }
}

variable "visibility_timeout_seconds" {
  description = "Visibility timeout of the work queue: at least 6 x the consumer function's timeout, as AWS advises for Lambda event sources."
  type        = number

  validation {
    condition     = var.visibility_timeout_seconds >= 0 && var.visibility_timeout_seconds <= 43200 && floor(var.visibility_timeout_seconds) == var.visibility_timeout_seconds
    error_message = "visibility_timeout_seconds must be a whole number from 0 to 43200."
  }
}

variable "consumer_timeout_seconds" {
  description = "Timeout of the Lambda function that consumes the work queue; the visibility timeout must be at least 6 x this."
  type        = number

  validation {
    condition     = var.consumer_timeout_seconds >= 1 && var.consumer_timeout_seconds <= 900
    error_message = "consumer_timeout_seconds must be from 1 to 900."
  }
}

variable "dead_letter_consumer_timeout_seconds" {
  description = "Timeout of the Lambda function that drains the dead-letter queue; its visibility timeout is 6 x this."
  type        = number

  validation {
    condition     = var.dead_letter_consumer_timeout_seconds >= 1 && var.dead_letter_consumer_timeout_seconds <= 900
    error_message = "dead_letter_consumer_timeout_seconds must be from 1 to 900."
  }
}

variable "max_receive_count" {
  description = "Receives of one message before SQS moves it to the dead-letter queue."
  type        = number

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be a whole number from 1 to 1000."
  }
}

variable "message_retention_seconds" {
  description = "How long the work queue keeps a message (default 4 days)."
  type        = number
  default     = 345600

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be from 60 to 1209600."
  }
}

variable "dead_letter_message_retention_seconds" {
  description = "How long the dead-letter queue keeps a message: long enough to investigate (14 days, the SQS maximum)."
  type        = number
  default     = 1209600

  validation {
    condition     = var.dead_letter_message_retention_seconds >= 60 && var.dead_letter_message_retention_seconds <= 1209600
    error_message = "dead_letter_message_retention_seconds must be from 60 to 1209600."
  }
}

variable "receive_wait_time_seconds" {
  description = "Long-polling wait of both queues."
  type        = number
  default     = 20

  validation {
    condition     = var.receive_wait_time_seconds >= 0 && var.receive_wait_time_seconds <= 20
    error_message = "receive_wait_time_seconds must be from 0 to 20."
  }
}

variable "tags" {
  description = "Tags applied to both queues."
  type        = map(string)
  default     = {}
}
