# staging: deployed by dev's pipeline after dev's smoke passed, from the same build's zips.
# Used with terraform.tfvars: `terraform plan -var-file=environments/staging.tfvars`.
environment = "staging"
state_key   = "dofs/staging/terraform.tfstate"

# The pipeline lives in dev; staging only gives the pipeline's Smoke build a key and a URL.
enable_pipeline     = false
enable_smoke_client = true

fulfillment_success_rate = 0.7

log_retention_days  = 30
lambda_log_level    = "INFO"
workflow_log_level  = "ERROR"
deletion_protection = true

api_throttling_rate_limit   = 100
api_throttling_burst_limit  = 200
fulfillment_max_concurrency = 10
dlq_alert_threshold         = 3

# 10 % of the traffic for 5 minutes, then the rest, unless an alarm fires first.
deployment_config_name = "CodeDeployDefault.LambdaCanary10Percent5Minutes"
rollback_alarms        = { errors = 1, workflow_failures = 1, period_seconds = 60 }
