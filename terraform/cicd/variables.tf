variable "name_prefix" {
  description = "Prefix of every pipeline resource and of every resource the pipeline may manage, `<project>-<environment>`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 3-32 characters of lowercase letters, digits and hyphens."
  }
}

variable "aws_region" {
  description = "Region of the pipeline and of everything it deploys."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must look like ap-south-1."
  }
}

variable "environment" {
  description = "Environment the pipeline deploys (the release marker is kept per environment)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "source_provider" {
  description = "GitHub (through a CodeConnections connection) or CodeCommit."
  type        = string

  validation {
    condition     = contains(["GitHub", "CodeCommit"], var.source_provider)
    error_message = "source_provider must be GitHub or CodeCommit."
  }
}

variable "repository" {
  description = "`owner/name` on GitHub, or the CodeCommit repository name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?$", var.repository))
    error_message = "repository must be owner/name (GitHub) or a repository name (CodeCommit)."
  }
}

variable "branch" {
  description = "Branch whose pushes start the pipeline."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]{1,255}$", var.branch))
    error_message = "branch must be a git branch name."
  }
}

variable "approval_topic_arn" {
  description = "SNS topic the manual approval notifies (the alerts topic): the approver learns a plan waits."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+$", var.approval_topic_arn))
    error_message = "approval_topic_arn must be an SNS topic ARN."
  }
}

variable "approval_topic_key_arn" {
  description = "KMS key that encrypts the approval topic; the pipeline's role may use it to publish."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.approval_topic_key_arn))
    error_message = "approval_topic_key_arn must be a KMS key ARN."
  }
}

variable "require_approval" {
  description = "Add a manual approval between the saved plan and its apply."
  type        = bool
  default     = true
}

variable "state_bucket" {
  description = "S3 bucket holding the Terraform state (created by terraform/bootstrap)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket))
    error_message = "state_bucket must be an S3 bucket name."
  }
}

variable "state_key" {
  description = "Key of the Terraform state object in state_bucket."
  type        = string

  validation {
    condition     = endswith(var.state_key, ".tfstate")
    error_message = "state_key must end in .tfstate."
  }
}

variable "terraform_version" {
  description = "Terraform version the builds install."
  type        = string

  validation {
    condition     = can(regex("^1\\.(1[1-9]|[2-9][0-9])\\.[0-9]+$", var.terraform_version))
    error_message = "terraform_version must be 1.11.0 or later, written X.Y.Z."
  }
}

variable "codebuild_image" {
  description = "CodeBuild image (Amazon Linux 2023; it provides the AWS CLI, git and a Node.js that runs `npm ci`, which then brings Node 24)."
  type        = string
  default     = "aws/codebuild/amazonlinux-x86_64-standard:5.0"

  validation {
    condition     = startswith(var.codebuild_image, "aws/codebuild/amazonlinux")
    error_message = "codebuild_image must be a CodeBuild-managed Amazon Linux image."
  }
}

variable "codebuild_compute_type" {
  description = "CodeBuild compute type of both builds."
  type        = string
  default     = "BUILD_GENERAL1_MEDIUM"

  validation {
    condition     = contains(["BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE"], var.codebuild_compute_type)
    error_message = "codebuild_compute_type must be BUILD_GENERAL1_SMALL, _MEDIUM or _LARGE."
  }
}

variable "artifact_retention_days" {
  description = "Days CodePipeline artifacts (sources, saved plans) are kept."
  type        = number
  default     = 30

  validation {
    condition     = var.artifact_retention_days >= 1
    error_message = "artifact_retention_days must be at least 1."
  }
}

variable "log_retention_days" {
  description = "Retention of the build log groups."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "tags" {
  description = "Tags applied to every pipeline resource."
  type        = map(string)
  default     = {}
}

variable "api_invoke_url" {
  description = "Invoke URL of the deployed API stage; stored in SSM for the Smoke build."
  type        = string

  validation {
    condition     = can(regex("^https://", var.api_invoke_url))
    error_message = "api_invoke_url must be an https:// URL."
  }
}

variable "smoke_api_key_parameter" {
  description = "Name of the SSM SecureString parameter holding an API key the Smoke build sends (null: the build sends none)."
  type        = string
  default     = null

  validation {
    condition     = var.smoke_api_key_parameter == null || can(regex("^/[A-Za-z0-9_./-]{1,1000}$", var.smoke_api_key_parameter))
    error_message = "smoke_api_key_parameter must be an SSM parameter name starting with /."
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
