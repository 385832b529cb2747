# Defaults that repeat a value of contracts/resources.json `defaults` are checked against it by
# terraform/tests/defaults.test.ts, so the local runtime and AWS cannot drift apart.

variable "aws_region" {
  description = "AWS region of the deployment."
  type        = string
  default     = "ap-south-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region name such as ap-south-1."
  }
}

variable "project_name" {
  description = "Project name, the first part of every resource name."
  type        = string
  default     = "dofs"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.project_name))
    error_message = "project_name must be 2-12 lowercase letters and digits, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name, the second part of every resource name and the API stage."
  type        = string
  default     = "dev"

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "notification_email" {
  description = "Email address subscribed to the alerts topic (confirm the subscription mail); null for none."
  type        = string
  default     = null

  validation {
    condition     = var.notification_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.notification_email))
    error_message = "notification_email must be an email address or null."
  }
}

variable "lambda_timeout" {
  description = "Timeout in seconds of every function whose manifest sets none (the api-handler's own is 28 s)."
  type        = number
  default     = 10

  validation {
    condition     = var.lambda_timeout >= 1 && var.lambda_timeout <= 900 && floor(var.lambda_timeout) == var.lambda_timeout
    error_message = "lambda_timeout must be a whole number of seconds from 1 to 900."
  }
}

variable "lambda_memory_size" {
  description = "Memory in MB of every function (CPU scales with it)."
  type        = number
  default     = 256

  validation {
    condition     = var.lambda_memory_size >= 128 && var.lambda_memory_size <= 10240 && floor(var.lambda_memory_size) == var.lambda_memory_size
    error_message = "lambda_memory_size must be a whole number of MB from 128 to 10240."
  }
}

variable "sqs_visibility_timeout" {
  description = "Visibility timeout in seconds of order_queue: at least 6 x the fulfill-order timeout."
  type        = number
  default     = 60

  validation {
    condition     = var.sqs_visibility_timeout >= 6 * var.lambda_timeout && var.sqs_visibility_timeout <= 43200
    error_message = "sqs_visibility_timeout must be at least 6 x lambda_timeout (AWS's rule for Lambda event sources) and at most 43200."
  }
}

variable "sqs_max_receive_count" {
  description = "Deliveries of one order message before SQS moves it to order_dlq."
  type        = number
  default     = 3

  validation {
    condition     = var.sqs_max_receive_count >= 1 && var.sqs_max_receive_count <= 1000 && floor(var.sqs_max_receive_count) == var.sqs_max_receive_count
    error_message = "sqs_max_receive_count must be a whole number from 1 to 1000."
  }
}

variable "enable_dlq_alerting" {
  description = "Alarm (to the alerts topic) when failed orders per period reach dlq_alert_threshold."
  type        = bool
  default     = true
}

variable "dlq_alert_threshold" {
  description = "Failed orders per alert period (contracts/resources.json dlq_alert_period_seconds) that raise the alarm."
  type        = number
  default     = 5

  validation {
    condition     = var.dlq_alert_threshold >= 1 && floor(var.dlq_alert_threshold) == var.dlq_alert_threshold
    error_message = "dlq_alert_threshold must be a whole number of at least 1."
  }
}

variable "log_retention_days" {
  description = "Retention of every log group (functions, workflow, API access and execution logs, builds)."
  type        = number
  default     = 14

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "api_throttling_rate_limit" {
  description = "Requests per second the API stage accepts (steady state)."
  type        = number
  default     = 100

  validation {
    condition     = var.api_throttling_rate_limit > 0 && var.api_throttling_rate_limit <= 10000
    error_message = "api_throttling_rate_limit must be from 1 to 10000."
  }
}

variable "api_throttling_burst_limit" {
  description = "Burst of requests the API stage accepts above the rate."
  type        = number
  default     = 200

  validation {
    condition     = var.api_throttling_burst_limit >= 0 && var.api_throttling_burst_limit <= 5000 && floor(var.api_throttling_burst_limit) == var.api_throttling_burst_limit
    error_message = "api_throttling_burst_limit must be a whole number from 0 to 5000."
  }
}

variable "fulfillment_max_concurrency" {
  description = "Most concurrent fulfill-order invocations the order_queue event source may run (protects the orders table and any fulfillment provider behind it)."
  type        = number
  default     = 10

  validation {
    condition     = var.fulfillment_max_concurrency >= 2 && var.fulfillment_max_concurrency <= 1000 && floor(var.fulfillment_max_concurrency) == var.fulfillment_max_concurrency
    error_message = "fulfillment_max_concurrency must be a whole number from 2 to 1000 (the SQS event source minimum is 2)."
  }
}

variable "dlq_processor_max_concurrency" {
  description = "Most concurrent dlq-processor invocations the order_dlq event source may run."
  type        = number
  default     = 2

  validation {
    condition     = var.dlq_processor_max_concurrency >= 2 && var.dlq_processor_max_concurrency <= 1000 && floor(var.dlq_processor_max_concurrency) == var.dlq_processor_max_concurrency
    error_message = "dlq_processor_max_concurrency must be a whole number from 2 to 1000 (the SQS event source minimum is 2)."
  }
}

variable "lambda_reserved_concurrency" {
  description = "Reserved concurrency per app (e.g. { api-handler = 50 }); unlisted apps use the unreserved pool. Reserving needs account headroom: AWS keeps 10 unreserved."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for value in values(var.lambda_reserved_concurrency) : value >= 0 && floor(value) == value])
    error_message = "lambda_reserved_concurrency values must be whole numbers of at least 0."
  }
}

variable "artifacts_dir" {
  description = "Directory of the Lambda zips, relative to terraform/ (`npm run build` writes dist/artifacts/<app>.zip)."
  type        = string
  default     = "../dist/artifacts"

  validation {
    condition     = length(trimspace(var.artifacts_dir)) > 0
    error_message = "artifacts_dir must not be empty."
  }
}

variable "manage_api_gateway_account" {
  description = "Create the API Gateway CloudWatch logging role and set it on the account's regional API Gateway settings (a singleton: set false if something else manages it)."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Protect the DynamoDB tables from deletion. null (the default) follows the environment: on outside dev."
  type        = bool
  default     = null
}

variable "table_kms_key_arn" {
  description = "A customer managed KMS key (ARN) for the tables' encryption at rest; null keeps the AWS managed key aws/dynamodb."
  type        = string
  default     = null

  validation {
    condition     = var.table_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.table_kms_key_arn))
    error_message = "table_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) or null."
  }
}

variable "workflow_log_execution_data" {
  description = "Log the order workflow's state inputs and outputs (orders, with customer ids) with its execution events. Off unless you need them to debug, and then for a while only."
  type        = bool
  default     = false
}

variable "api_clients" {
  description = <<-EOT
    The API's clients (shop backends), keyed by a short name: each gets an API key, sent as the
    x-api-key header, and a usage plan with its rate (requests per second), burst and daily quota.
    Set `key_value` to import a key managed elsewhere; otherwise API Gateway generates one
    (`terraform output -json api_keys`). The stage throttle (api_throttling_*) stays the outer limit.
    With the pipeline, a client "pipeline-smoke" is added for its Smoke build (smoke.tf).
  EOT
  type = map(object({
    rate_limit  = number
    burst_limit = number
    daily_quota = number
    enabled     = optional(bool, true)
    key_value   = optional(string)
  }))
  default = {
    shop = { rate_limit = 50, burst_limit = 100, daily_quota = 100000 }
  }
}

variable "tags" {
  description = "Extra tags merged into the tag map every resource carries."
  type        = map(string)
  default     = {}
}

variable "fulfillment_success_rate" {
  description = "Share of fulfillment attempts that succeed (the assignment's simulated provider). null keeps contracts/resources.json's default (0.7)."
  type        = number
  default     = null

  validation {
    condition     = var.fulfillment_success_rate == null || (coalesce(var.fulfillment_success_rate, 0) >= 0 && coalesce(var.fulfillment_success_rate, 0) <= 1)
    error_message = "fulfillment_success_rate must be from 0 to 1, or null."
  }
}

variable "lambda_log_level" {
  description = "Level of the functions' structured logs (POWERTOOLS_LOG_LEVEL)."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR"], var.lambda_log_level)
    error_message = "lambda_log_level must be DEBUG, INFO, WARN or ERROR."
  }
}

variable "workflow_log_level" {
  description = "Execution log level of the order workflow: ERROR keeps every failed execution; ALL also every successful one (more than doubles the cost per order, docs/cost.md)."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["ALL", "ERROR", "FATAL"], var.workflow_log_level)
    error_message = "workflow_log_level must be ALL, ERROR or FATAL."
  }
}

# Canary deploys (modules/deployments).

variable "deployment_config_name" {
  description = "How CodeDeploy shifts each function's alias `live` to a new version: CodeDeployDefault.LambdaAllAtOnce (dev), or a canary or linear configuration (staging, prod), e.g. CodeDeployDefault.LambdaCanary10Percent5Minutes."
  type        = string
  default     = "CodeDeployDefault.LambdaAllAtOnce"

  validation {
    condition     = can(regex("^CodeDeployDefault\\.Lambda(AllAtOnce|Canary10Percent|Linear10PercentEvery)", var.deployment_config_name))
    error_message = "deployment_config_name must be a CodeDeployDefault.Lambda* configuration (AllAtOnce, Canary10Percent<N>Minutes, Linear10PercentEvery<N>Minute(s))."
  }
}

variable "rollback_alarms" {
  description = "What rolls a deployment back: errors of a function's alias or failed workflow executions reaching these counts within period_seconds."
  type = object({
    errors            = number
    workflow_failures = number
    period_seconds    = number
  })
  default = { errors = 1, workflow_failures = 1, period_seconds = 60 }
}

variable "rollback_p99_duration_ms" {
  description = "Per app, the p99 duration (ms) of its alias above which a deployment rolls back; an unlisted app uses 80 % of its timeout."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for value in values(var.rollback_p99_duration_ms) : value > 0])
    error_message = "rollback_p99_duration_ms values must be positive."
  }
}

# Pipeline (cicd/).

variable "enable_pipeline" {
  description = "Create the CodePipeline that tests, plans and applies this configuration on every push."
  type        = bool
  default     = true
}

variable "source_provider" {
  description = "Where the pipeline gets the code: GitHub (through a CodeConnections connection) or CodeCommit."
  type        = string
  default     = "GitHub"

  validation {
    condition     = contains(["GitHub", "CodeCommit"], var.source_provider)
    error_message = "source_provider must be GitHub or CodeCommit."
  }
}

variable "repository" {
  description = "Repository the pipeline builds: `owner/name` on GitHub, the repository name on CodeCommit. Required when enable_pipeline is true."
  type        = string
  default     = null

  validation {
    condition     = !var.enable_pipeline || (var.repository != null && can(regex(var.source_provider == "GitHub" ? "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$" : "^[A-Za-z0-9_.-]{1,100}$", var.repository)))
    error_message = "With enable_pipeline, repository is required: owner/name for GitHub, the repository name for CodeCommit."
  }
}

variable "branch" {
  description = "Branch whose pushes the pipeline deploys."
  type        = string
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]{1,255}$", var.branch))
    error_message = "branch must be a git branch name."
  }
}

variable "pipeline_environments" {
  description = "The environments one pipeline run deploys, in promotion order, each with its own state key and environments/<name>.tfvars. The default deploys dev only."
  type        = list(string)
  default     = ["dev"]

  validation {
    condition     = contains(["dev", "dev,staging", "dev,prod", "dev,staging,prod"], join(",", var.pipeline_environments))
    error_message = "pipeline_environments must start with dev and follow the order dev, staging, prod (e.g. [\"dev\", \"staging\", \"prod\"])."
  }
}

variable "approval_environments" {
  description = "Environments whose saved plan waits for a person's approval (notified on the alerts topic) before it is applied. prod always does."
  type        = set(string)
  default     = ["dev", "staging", "prod"]

  validation {
    condition     = contains(var.approval_environments, "prod") && alltrue([for env in var.approval_environments : contains(["dev", "staging", "prod"], env)])
    error_message = "approval_environments names dev, staging or prod, and always holds prod: nothing reaches prod without a person's approval."
  }
}

variable "enable_smoke_client" {
  description = "Give the pipeline's Smoke build an API key and the API's URL in SSM. null (the default) follows enable_pipeline; set true in an environment another environment's pipeline deploys."
  type        = bool
  default     = null
}

variable "state_bucket" {
  description = "S3 bucket of the Terraform state (the `bucket` of backend.conf); the pipeline initialises the same backend. Required when enable_pipeline is true."
  type        = string
  default     = null

  validation {
    condition     = !var.enable_pipeline || (var.state_bucket != null && can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket)))
    error_message = "With enable_pipeline, state_bucket is required (the bucket of backend.conf)."
  }
}

variable "state_key" {
  description = "Key of this environment's Terraform state object (the `key` of backend.conf); the pipeline uses dofs/<environment>/terraform.tfstate for each environment it deploys."
  type        = string
  default     = "dofs/dev/terraform.tfstate"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()/-]+\\.tfstate$", var.state_key))
    error_message = "state_key must be an S3 key ending in .tfstate."
  }
}

variable "terraform_version" {
  description = "Terraform version the pipeline installs (pinned; checked against HashiCorp's signed checksums)."
  type        = string
  default     = "1.11.4"

  validation {
    condition     = can(regex("^1\\.(1[1-9]|[2-9][0-9])\\.[0-9]+$", var.terraform_version))
    error_message = "terraform_version must be 1.11.0 or later, written X.Y.Z."
  }
}
