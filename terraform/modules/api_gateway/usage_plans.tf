# One API key and one usage plan per client: the key identifies the client (x-api-key, key source
# HEADER, as contracts/openapi.yaml declares), the plan bounds it (rate, burst, daily quota). The
# stage's own throttle (method settings) stays the outer limit for all clients together.
resource "aws_api_gateway_api_key" "this" {
  for_each = var.clients

  name        = "${var.name}-${each.key}"
  description = "API key of the ${each.key} client of ${var.name}."
  enabled     = each.value.enabled
  # null lets API Gateway generate the value; a value managed elsewhere is imported as is.
  value = each.value.key_value

  tags = var.tags
}

resource "aws_api_gateway_usage_plan" "this" {
  for_each = var.clients

  name        = "${var.name}-${each.key}"
  description = "Usage plan of the ${each.key} client: ${each.value.rate_limit} req/s, burst ${each.value.burst_limit}, ${each.value.daily_quota} requests a day."

  api_stages {
    api_id = aws_api_gateway_rest_api.this.id
    stage  = aws_api_gateway_stage.this.stage_name
  }

  throttle_settings {
    rate_limit  = each.value.rate_limit
    burst_limit = each.value.burst_limit
  }

  quota_settings {
    limit  = each.value.daily_quota
    period = "DAY"
  }

  tags = var.tags
}

resource "aws_api_gateway_usage_plan_key" "this" {
  for_each = var.clients

  key_id        = aws_api_gateway_api_key.this[each.key].id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.this[each.key].id
}
