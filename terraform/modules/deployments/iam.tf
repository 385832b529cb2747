data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "CodeDeployAssumesTheRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codedeploy.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

# CodeDeploy's own role: instead of the managed AWSCodeDeployRoleForLambda (any alias of any
# function, any SNS topic, any S3 object), it may move these functions' aliases and read these alarms.
resource "aws_iam_role" "this" {
  name                 = "${var.name_prefix}-codedeploy"
  description          = "Role CodeDeploy uses to shift the ${var.name_prefix} functions' alias ${var.alias_name} and watch their rollback alarms."
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  permissions_boundary = var.permissions_boundary_arn

  tags = var.tags
}

data "aws_iam_policy_document" "this" {
  statement {
    sid       = "ShiftTheLiveAliases"
    actions   = ["lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"]
    resources = [for fn in values(var.functions) : fn.alias_arn]
  }

  statement {
    sid       = "WatchTheRollbackAlarms"
    actions   = ["cloudwatch:DescribeAlarms"]
    resources = [for name in concat(flatten(values(local.function_alarms)), [local.workflow_alarm]) : "arn:${var.partition}:cloudwatch:${var.aws_region}:${data.aws_caller_identity.current.account_id}:alarm:${name}"]
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.name_prefix}-codedeploy"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
