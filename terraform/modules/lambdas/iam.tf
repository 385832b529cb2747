data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "LambdaAssumesTheRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# One role per function, so that each holds only what its manifest (apps/<app>/lambda.json) grants.
resource "aws_iam_role" "this" {
  for_each = var.functions

  name                 = "${var.name_prefix}-${each.key}"
  description          = "Execution role of the ${var.name_prefix}-${each.key} function."
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.permissions_boundary_arn

  tags = var.tags
}

data "aws_iam_policy_document" "this" {
  for_each = var.functions

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this[each.key].arn}:*"]
  }

  statement {
    # X-Ray trace segments are not resources: AWS accepts only "*" here.
    sid       = "WriteTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = each.value.policy_statements

    content {
      sid       = "Manifest${statement.key}"
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = var.functions

  name   = "${var.name_prefix}-${each.key}"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.this[each.key].json
}
