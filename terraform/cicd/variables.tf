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

variable "environments" {
  description = <<-EOT
    What one run deploys, in promotion order (the first also decides what is rebuilt): per
    environment its name, resource name prefix, state key, variables file (relative to terraform/),
    whether a person approves its saved plan, and the SSM parameters of its API's URL and of the
    Smoke build's API key (null when the API takes no key).
  EOT
  type = list(object({
    name                    = string
    name_prefix             = string
    state_key               = string
    var_file                = string
    require_approval        = bool
    smoke_api_url_parameter = string
    smoke_api_key_parameter = optional(string)
  }))

  validation {
    condition     = length(var.environments) > 0 && alltrue([for env in var.environments : contains(["dev", "staging", "prod"], env.name) && endswith(env.state_key, ".tfstate")])
    error_message = "environments: each is dev, staging or prod, with a state_key ending in .tfstate."
  }

  validation {
    condition     = alltrue([for env in var.environments : env.require_approval if env.name == "prod"])
    error_message = "Nothing reaches prod without a person's approval: prod's require_approval in environments must be true."
  }

  validation {
    condition     = alltrue([for env in var.environments : startswith(env.smoke_api_url_parameter, "/") && (env.smoke_api_key_parameter == null || startswith(coalesce(env.smoke_api_key_parameter, "/"), "/"))])
    error_message = "environments: the smoke parameters are SSM parameter names starting with /."
  }

  validation {
    condition     = length(distinct([for env in var.environments : env.state_key])) == length(var.environments)
    error_message = "environments: each environment has its own state key."
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

variable "state_bucket" {
  description = "S3 bucket holding the Terraform state (created by terraform/bootstrap)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket))
    error_message = "state_bucket must be an S3 bucket name."
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

variable "permissions_boundary_arn" {
  description = "ARN of the deployment's permissions boundary; every role this module creates carries it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be an IAM policy ARN."
  }
}
