data "aws_iam_policy_document" "assume_role" {
  count = var.manage_account_logging_role ? 1 : 0

  statement {
    sid     = "ApiGatewayAssumesTheRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "cloudwatch" {
  count = var.manage_account_logging_role ? 1 : 0

  name                 = "${var.name}-cloudwatch"
  description          = "Lets API Gateway write access and execution logs to CloudWatch Logs in this account and region."
  assume_role_policy   = data.aws_iam_policy_document.assume_role[0].json
  permissions_boundary = var.permissions_boundary_arn

  tags = var.tags
}

data "aws_iam_policy_document" "cloudwatch" {
  count = var.manage_account_logging_role ? 1 : 0

  statement {
    # The account-level logging role serves every REST API of the account and region, whose log
    # groups API Gateway names itself; the actions are those of AWS's
    # AmazonAPIGatewayPushToCloudWatchLogs policy, which grants them on "*" too.
    sid = "WriteApiGatewayLogs"
    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
      "logs:GetLogEvents",
      "logs:FilterLogEvents",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "cloudwatch" {
  count = var.manage_account_logging_role ? 1 : 0

  name   = "${var.name}-cloudwatch"
  role   = aws_iam_role.cloudwatch[0].id
  policy = data.aws_iam_policy_document.cloudwatch[0].json
}

# A regional singleton: the CloudWatch role API Gateway uses for every API's logs.
resource "aws_api_gateway_account" "this" {
  count = var.manage_account_logging_role ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.cloudwatch[0].arn

  depends_on = [aws_iam_role_policy.cloudwatch]
}
