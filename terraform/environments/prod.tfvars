# prod: deployed by dev's pipeline after staging's smoke passed and a person approved its plan.
# Used with terraform.tfvars: `terraform plan -var-file=environments/prod.tfvars`.
environment = "prod"
state_key   = "dofs/prod/terraform.tfstate"

enable_pipeline     = false
enable_smoke_client = true

fulfillment_success_rate = 0.7

log_retention_days  = 90
lambda_log_level    = "INFO"
workflow_log_level  = "ERROR"
deletion_protection = true

api_throttling_rate_limit   = 500
api_throttling_burst_limit  = 1000
fulfillment_max_concurrency = 50
dlq_alert_threshold         = 1

# 10 % of the traffic for 10 minutes, then the rest, unless an alarm fires first.
deployment_config_name = "CodeDeployDefault.LambdaCanary10Percent10Minutes"
rollback_alarms        = { errors = 1, workflow_failures = 1, period_seconds = 60 }
