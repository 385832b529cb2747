variable "aws_region" {
  description = "Region of the state bucket (use the region of the deployment)."
  type        = string
  default     = "ap-south-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region name such as ap-south-1."
  }
}

variable "project_name" {
  description = "Project name, the first part of the bucket name."
  type        = string
  default     = "dofs"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.project_name))
    error_message = "project_name must be 2-12 lowercase letters and digits, starting with a letter."
  }
}

variable "bucket_name" {
  description = "Name of the state bucket; null derives `<project>-tfstate-<account>-<region>` (globally unique)."
  type        = string
  default     = null

  validation {
    condition     = var.bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name."
  }
}

variable "noncurrent_version_retention_days" {
  description = "Days old state versions are kept (the bucket is versioned so a bad apply can be rolled back)."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_retention_days >= 1
    error_message = "noncurrent_version_retention_days must be at least 1."
  }
}

variable "tags" {
  description = "Tags of the state bucket."
  type        = map(string)
  default     = {}
}
