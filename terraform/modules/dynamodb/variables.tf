variable "name_prefix" {
  description = "Prefix of every table name, `<project>-<environment>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-32 characters of lowercase letters, digits and hyphens."
  }
}

variable "tables" {
  description = "Table definitions keyed by logical name, as in contracts/resources.json `tables`: name, hash key, optional range key, global secondary indexes."
  type = map(object({
    name      = string
    hash_key  = object({ name = string, type = string })
    range_key = optional(object({ name = string, type = string }))
    global_secondary_indexes = optional(list(object({
      name       = string
      hash_key   = object({ name = string, type = string })
      range_key  = optional(object({ name = string, type = string }))
      projection = string
    })), [])
  }))

  validation {
    condition     = length(var.tables) > 0
    error_message = "Define at least one table."
  }

  validation {
    condition = alltrue(flatten([
      for table in values(var.tables) : concat(
        [contains(["S", "N", "B"], table.hash_key.type)],
        [table.range_key == null ? true : contains(["S", "N", "B"], table.range_key.type)],
        [for index in table.global_secondary_indexes : contains(["S", "N", "B"], index.hash_key.type)],
        [for index in table.global_secondary_indexes : index.range_key == null ? true : contains(["S", "N", "B"], index.range_key.type)],
      )
    ]))
    error_message = "Every key attribute type must be S, N or B."
  }

  validation {
    condition = alltrue(flatten([
      for table in values(var.tables) : [for index in table.global_secondary_indexes : contains(["ALL", "KEYS_ONLY"], index.projection)]
    ]))
    error_message = "Every index projection must be ALL or KEYS_ONLY."
  }

  validation {
    condition     = alltrue([for table in values(var.tables) : can(regex("^[A-Za-z0-9_.-]{3,200}$", table.name))])
    error_message = "Table names must be 3-200 characters of letters, digits, underscore, hyphen and dot."
  }
}

variable "point_in_time_recovery" {
  description = "Keep continuous backups (point-in-time recovery, 35 days) of every table."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Refuse to delete the tables (set true outside DEV)."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for encryption at rest; null uses the AWS managed key aws/dynamodb."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN or null."
  }
}

variable "tags" {
  description = "Tags applied to every table."
  type        = map(string)
  default     = {}
}
