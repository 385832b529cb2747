# The vendedlogs prefix keeps the CloudWatch Logs resource policy that Step Functions writes for
# log delivery from growing with every log group (AWS's advice for state machine logs).
resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/vendedlogs/states/${var.name}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_sfn_state_machine" "this" {
  name     = var.name
  type     = "EXPRESS"
  role_arn = aws_iam_role.this.arn

  definition = templatefile(var.definition_file, {
    validator_function_arn     = var.validator_function_arn
    order_storage_function_arn = var.order_storage_function_arn
    function_alias             = var.function_alias
    order_queue_url            = var.order_queue_url
  })

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.this.arn}:*"
    include_execution_data = var.include_execution_data
    level                  = var.log_level
  }

  tracing_configuration {
    enabled = true
  }

  tags = merge(var.tags, { Name = var.name })

  depends_on = [aws_iam_role_policy.this]
}
