# dev: the first environment of every pipeline run, and the one that holds the pipeline.
# Used with terraform.tfvars: `terraform plan -var-file=environments/dev.tfvars` (the pipeline's
# Dev stage does the same). Without this file, the defaults are a single dev environment.
environment = "dev"
state_key   = "dofs/dev/terraform.tfstate"

# Promotion: one build, deployed to dev, then staging, then prod (each its own state and file).
# A person approves prod's saved plan; add "staging" to approve staging's too.
enable_pipeline       = true
pipeline_environments = ["dev", "staging", "prod"]
approval_environments = ["prod"]

# The assignment's simulated provider: 70 % of fulfillment attempts succeed.
fulfillment_success_rate = 0.7

log_retention_days  = 7
lambda_log_level    = "DEBUG"
workflow_log_level  = "ERROR"
deletion_protection = false

api_throttling_rate_limit   = 50
api_throttling_burst_limit  = 100
fulfillment_max_concurrency = 5
dlq_alert_threshold         = 5

# dev shifts every new version at once; its alarms still roll a failing one back.
deployment_config_name = "CodeDeployDefault.LambdaAllAtOnce"
rollback_alarms        = { errors = 1, workflow_failures = 1, period_seconds = 60 }
