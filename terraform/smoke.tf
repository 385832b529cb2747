# The pipeline's Smoke build (cicd/, after Apply) calls the deployed API, which refuses a request
# without an API key. So the build is a client like the others: its own key, sent as x-api-key,
# with a small usage plan (a smoke run makes about ten requests), kept in an SSM SecureString
# (under the account's aws/ssm key) that only the Smoke build's role may read. Rotate it with
# `terraform apply -replace='module.api_gateway.aws_api_gateway_api_key.this["pipeline-smoke"]'`.
locals {
  smoke_client = "pipeline-smoke"
  # This environment is smoke-tested by a pipeline: its own (enable_pipeline) or dev's (staging, prod).
  smoke_enabled = coalesce(var.enable_smoke_client, var.enable_pipeline)

  api_clients = merge(
    var.api_clients,
    local.smoke_enabled ? { (local.smoke_client) = { rate_limit = 5, burst_limit = 10, daily_quota = 1000, enabled = true, key_value = null } } : {},
  )
}

resource "aws_ssm_parameter" "smoke_api_key" {
  count = local.smoke_enabled ? 1 : 0

  name        = "/${local.name_prefix}/smoke/api-key"
  description = "API key (x-api-key) of the ${local.name_prefix} pipeline's Smoke build; read by that build only."
  type        = "SecureString"
  value       = module.api_gateway.api_keys[local.smoke_client]

  tags = local.tags
}

# Where the Smoke build finds the API it checks: written by this apply, read by the build at run
# time, so the build needs neither the state nor Terraform.
resource "aws_ssm_parameter" "smoke_api_url" {
  count = local.smoke_enabled ? 1 : 0

  name        = "/${local.name_prefix}/smoke/api-url"
  description = "Invoke URL of the ${local.name_prefix} order API, read by the pipeline's Smoke build."
  type        = "String"
  value       = module.api_gateway.invoke_url

  tags = local.tags
}
