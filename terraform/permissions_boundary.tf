# The permissions boundary every role of this deployment carries, the pipeline's included. A role's
# own policy grants exact actions on exact resources; the boundary caps what any of them could ever
# be granted, and its Deny statements close the ways to widen a role: a role without this
# boundary, a role without its boundary, a change to the boundary, or a change to the pipeline's
# own roles and policies. Changing any of those takes an administrator's apply from outside the
# pipeline, on purpose.
locals {
  boundary_name = "${local.name_prefix}-permissions-boundary"

  account_arn = "${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}"
  # One pipeline (in dev) deploys every environment of the project, so the boundaries of dev,
  # staging and prod are the same fence: a role made with any of them cannot escalate.
  project_prefixes = [for env in ["dev", "staging", "prod"] : "${var.project_name}-${env}"]
  boundary_arns    = [for prefix in local.project_prefixes : "arn:${local.account_arn}:policy/${prefix}-permissions-boundary"]

  # The pipeline's roles and managed policies (named as cicd/iam_roles.tf names them), in whichever
  # environment holds the pipeline: the deployer may not change them, so it can never widen its own rights.
  pipeline_role_arns = flatten([
    for prefix in local.project_prefixes : [
      for role in ["pipeline", "plan", "apply", "canary", "smoke", "pipeline-trigger"] : "arn:${local.account_arn}:role/${prefix}-${role}"
    ]
  ])
  pipeline_policy_arns = flatten([
    for prefix in local.project_prefixes : [
      for policy in ["build", "terraform-read", "terraform-read-platform", "terraform-app", "terraform-monitoring", "terraform-platform", "canary", "smoke"] : "arn:${local.account_arn}:policy/${prefix}-${policy}"
    ]
  ])

  # The safety net of the canaries (modules/deployments): what rolls a bad version back.
  rollback_alarm_arns   = [for prefix in local.project_prefixes : "arn:${data.aws_partition.current.partition}:cloudwatch:${var.aws_region}:${data.aws_caller_identity.current.account_id}:alarm:${prefix}-rollback-*"]
  deployment_group_arns = [for prefix in local.project_prefixes : "arn:${data.aws_partition.current.partition}:codedeploy:${var.aws_region}:${data.aws_caller_identity.current.account_id}:deploymentgroup:${prefix}-functions/*"]
  deployment_app_arns   = [for prefix in local.project_prefixes : "arn:${data.aws_partition.current.partition}:codedeploy:${var.aws_region}:${data.aws_caller_identity.current.account_id}:application:${prefix}-functions"]
}

data "aws_iam_policy_document" "permissions_boundary" {
  statement {
    # A boundary grants nothing by itself (effective rights are the intersection with the role's
    # own policy); this caps every role at the services the stack is made of.
    sid = "ServicesOfThisStack"
    actions = [
      "apigateway:*",
      "cloudwatch:*",
      "codebuild:*",
      "codeconnections:*",
      "codedeploy:*",
      "codepipeline:*",
      "codestar-connections:*",
      "dynamodb:*",
      "events:*",
      "iam:*",
      "kms:*",
      "lambda:*",
      "logs:*",
      "s3:*",
      "sns:*",
      "sqs:*",
      # Parameters only (the Smoke build's target, written by the apply): never Run Command or
      # Session Manager, which reach beyond this stack.
      "ssm:AddTagsToResource",
      "ssm:DeleteParameter",
      "ssm:DescribeParameters",
      "ssm:GetParameter",
      "ssm:GetParameters",
      "ssm:ListTagsForResource",
      "ssm:PutParameter",
      "ssm:RemoveTagsFromResource",
      "states:*",
      "sts:GetCallerIdentity",
      "xray:*",
    ]
    resources = ["*"]
  }

  statement {
    sid    = "NoRoleWithoutThisBoundary"
    effect = "Deny"
    actions = [
      "iam:CreateRole",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:DeleteRolePolicy",
      "iam:AttachRolePolicy",
      "iam:DetachRolePolicy",
    ]
    resources = ["*"]

    condition {
      test     = "StringNotEquals"
      variable = "iam:PermissionsBoundary"
      values   = local.boundary_arns
    }
  }

  statement {
    # Only this deployment's own managed policies may be attached, never an AWS managed one.
    sid       = "AttachOnlyOwnPolicies"
    effect    = "Deny"
    actions   = ["iam:AttachRolePolicy"]
    resources = ["*"]

    condition {
      test     = "ArnNotLike"
      variable = "iam:PolicyARN"
      values   = [for prefix in local.project_prefixes : "arn:${local.account_arn}:policy/${prefix}-*"]
    }
  }

  statement {
    sid       = "KeepTheBoundary"
    effect    = "Deny"
    actions   = ["iam:DeleteRolePermissionsBoundary"]
    resources = ["*"]
  }

  statement {
    sid    = "TheBoundaryIsFixed"
    effect = "Deny"
    actions = [
      "iam:CreatePolicyVersion",
      "iam:DeletePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:DeletePolicy",
    ]
    resources = concat(local.boundary_arns, local.pipeline_policy_arns)
  }

  statement {
    sid    = "ThePipelineCannotChangeItself"
    effect = "Deny"
    actions = [
      "iam:PutRolePolicy",
      "iam:DeleteRolePolicy",
      "iam:AttachRolePolicy",
      "iam:DetachRolePolicy",
      "iam:UpdateAssumeRolePolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:DeleteRolePermissionsBoundary",
      "iam:DeleteRole",
      "iam:UpdateRole",
    ]
    resources = local.pipeline_role_arns
  }

  statement {
    # No role, the apply's included, may silence or remove what rolls a canary back: an alarm
    # forced to OK, its actions off, the alarm or the deployment group gone, or the group's alarms
    # and rollback settings changed. Creating them is the apply's job; changing them is an
    # administrator's apply, like the pipeline's own roles (terraform/README.md).
    sid    = "TheRollbackNetStays"
    effect = "Deny"
    actions = [
      "cloudwatch:DeleteAlarms",
      "cloudwatch:DisableAlarmActions",
      "cloudwatch:SetAlarmState",
      "codedeploy:UpdateDeploymentGroup",
      "codedeploy:DeleteDeploymentGroup",
      "codedeploy:DeleteApplication",
    ]
    resources = concat(local.rollback_alarm_arns, local.deployment_group_arns, local.deployment_app_arns)
  }

  statement {
    # Long-term credentials are never part of this stack.
    sid       = "NoUsersOrAccessKeys"
    effect    = "Deny"
    actions   = ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "permissions_boundary" {
  name        = local.boundary_name
  description = "Permissions boundary of every role of ${local.name_prefix}: caps them at the stack's services and keeps the deployer from widening any role, itself included."
  policy      = data.aws_iam_policy_document.permissions_boundary.json

  tags = local.tags
}
