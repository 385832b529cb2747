# Roles of the pipeline, its three builds (plan, apply, smoke) and (CodeCommit only) the EventBridge trigger.
#
# The plan build may read everything Terraform refreshes and read/lock the state; the apply build
# may also change it. Both are confined to resources named with the prefixes of the environments the
# pipeline deploys (the fence: every module names its resources "<project>-<environment>-..."). Actions
# are listed one by one; "*" resources appear only where the API has no resource-level permission,
# each marked below and allow-listed, with its reason, in terraform/tests/iam.test.ts.

locals {
  # The fence: the name prefixes of the environments this pipeline deploys (its own among them).
  fences = distinct(concat([var.name_prefix], [for env in var.environments : env.name_prefix]))
  # Each environment's roles carry that environment's boundary (the root's permissions_boundary.tf).
  boundary_arns = distinct(concat([var.permissions_boundary_arn], [for env in var.environments : "arn:${local.partition}:iam::${local.account_id}:policy/${env.name_prefix}-permissions-boundary"]))
  any_approval  = anytrue([for env in var.environments : env.require_approval])

  # CodeDeploy: each environment's application of functions and its deployment groups.
  codedeploy = {
    applications      = [for prefix in local.fences : "arn:${local.partition}:codedeploy:${local.arn_suffix}:application:${prefix}-functions"]
    deployment_groups = [for prefix in local.fences : "arn:${local.partition}:codedeploy:${local.arn_suffix}:deploymentgroup:${prefix}-functions/*"]
    configs           = ["arn:${local.partition}:codedeploy:${local.arn_suffix}:deploymentconfig:CodeDeployDefault.Lambda*"]
    live_aliases      = [for prefix in local.fences : "arn:${local.partition}:lambda:${local.arn_suffix}:function:${prefix}-*:live"]
  }

  arn = {
    tables                = [for prefix in local.fences : "arn:${local.partition}:dynamodb:${local.arn_suffix}:table/${prefix}-*"]
    queues                = [for prefix in local.fences : "arn:${local.partition}:sqs:${local.arn_suffix}:${prefix}-*"]
    topics                = [for prefix in local.fences : "arn:${local.partition}:sns:${local.arn_suffix}:${prefix}-*"]
    functions             = [for prefix in local.fences : "arn:${local.partition}:lambda:${local.arn_suffix}:function:${prefix}-*"]
    event_source_mappings = "arn:${local.partition}:lambda:${local.arn_suffix}:event-source-mapping:*"
    state_machines        = [for prefix in local.fences : "arn:${local.partition}:states:${local.arn_suffix}:stateMachine:${prefix}-*"]
    roles                 = [for prefix in local.fences : "arn:${local.partition}:iam::${local.account_id}:role/${prefix}-*"]
    alarms                = [for prefix in local.fences : "arn:${local.partition}:cloudwatch:${local.arn_suffix}:alarm:${prefix}-*"]
    dashboards            = [for prefix in local.fences : "arn:${local.partition}:cloudwatch::${local.account_id}:dashboard/${prefix}-*"]
    buckets               = [for prefix in local.fences : "arn:${local.partition}:s3:::${prefix}-*"]
    projects              = [for prefix in local.fences : "arn:${local.partition}:codebuild:${local.arn_suffix}:project/${prefix}-*"]
    pipeline              = "arn:${local.partition}:codepipeline:${local.arn_suffix}:${local.pipeline_name}"
    connections           = "arn:${local.partition}:codeconnections:${local.arn_suffix}:connection/*"
    rules                 = [for prefix in local.fences : "arn:${local.partition}:events:${local.arn_suffix}:rule/${prefix}-*"]
    policies              = [for prefix in local.fences : "arn:${local.partition}:iam::${local.account_id}:policy/${prefix}-*"]
    parameters            = [for prefix in local.fences : "arn:${local.partition}:ssm:${local.arn_suffix}:parameter/${prefix}/*"]
    keys                  = "arn:${local.partition}:kms:${local.arn_suffix}:key/*"
    key_aliases           = [for prefix in local.fences : "arn:${local.partition}:kms:${local.arn_suffix}:alias/${prefix}-*"]
    all_log_groups        = "arn:${local.partition}:logs:${local.arn_suffix}:log-group:*"
    state_bucket          = "arn:${local.partition}:s3:::${var.state_bucket}"
    state_objects         = [for env in var.environments : "arn:${local.partition}:s3:::${var.state_bucket}/${env.state_key}"]
    state_locks           = [for env in var.environments : "arn:${local.partition}:s3:::${var.state_bucket}/${env.state_key}.tflock"]
    pipeline_bucket       = aws_s3_bucket.this["pipeline"].arn
    release_bucket        = aws_s3_bucket.this["releases"].arn
  }

  # Log groups of this deployment; API Gateway names its execution-log group after the API's id.
  log_groups = concat(flatten([
    for prefix in local.fences : [
      "arn:${local.partition}:logs:${local.arn_suffix}:log-group:/aws/lambda/${prefix}-*",
      "arn:${local.partition}:logs:${local.arn_suffix}:log-group:/aws/vendedlogs/states/${prefix}-*",
      "arn:${local.partition}:logs:${local.arn_suffix}:log-group:/aws/apigateway/${prefix}-*",
      "arn:${local.partition}:logs:${local.arn_suffix}:log-group:/aws/codebuild/${prefix}-*",
    ]
  ]), ["arn:${local.partition}:logs:${local.arn_suffix}:log-group:API-Gateway-Execution-Logs_*"])

  apis = [
    "arn:${local.partition}:apigateway:${var.aws_region}::/restapis",
    "arn:${local.partition}:apigateway:${var.aws_region}::/restapis/*",
    "arn:${local.partition}:apigateway:${var.aws_region}::/account",
    "arn:${local.partition}:apigateway:${var.aws_region}::/tags/*",
    "arn:${local.partition}:apigateway:${var.aws_region}::/apikeys",
    "arn:${local.partition}:apigateway:${var.aws_region}::/apikeys/*",
    "arn:${local.partition}:apigateway:${var.aws_region}::/usageplans",
    "arn:${local.partition}:apigateway:${var.aws_region}::/usageplans/*",
  ]

  source_connection_actions = ["codeconnections:UseConnection", "codestar-connections:UseConnection"]
}

# --- Pipeline -------------------------------------------------------------------------------------

data "aws_iam_policy_document" "pipeline_assume" {
  statement {
    sid     = "CodePipelineAssumesTheRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codepipeline.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "pipeline" {
  name                 = "${var.name_prefix}-pipeline"
  description          = "Role of the ${local.pipeline_name} pipeline."
  assume_role_policy   = data.aws_iam_policy_document.pipeline_assume.json
  permissions_boundary = var.permissions_boundary_arn

  tags = var.tags
}

data "aws_iam_policy_document" "pipeline" {
  statement {
    sid       = "UseArtifactStore"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${local.arn.pipeline_bucket}/*"]
  }

  statement {
    sid       = "ReadArtifactStoreBucket"
    actions   = ["s3:GetBucketVersioning", "s3:GetBucketLocation", "s3:ListBucket"]
    resources = [local.arn.pipeline_bucket]
  }

  statement {
    sid       = "RunBuilds"
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StopBuild"]
    resources = [for project in aws_codebuild_project.this : project.arn]
  }

  dynamic "statement" {
    for_each = local.github ? [local.connection_arn] : []

    content {
      sid       = "UseGitHubConnection"
      actions   = local.source_connection_actions
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.github ? [] : [local.repository_arn]

    content {
      sid = "ReadCodeCommit"
      actions = [
        "codecommit:GetBranch",
        "codecommit:GetCommit",
        "codecommit:GetRepository",
        "codecommit:UploadArchive",
        "codecommit:GetUploadArchiveStatus",
        "codecommit:CancelUploadArchive",
      ]
      resources = [statement.value]
    }
  }
}

data "aws_iam_policy_document" "pipeline_notifications" {
  count = local.any_approval ? 1 : 0

  statement {
    sid       = "NotifyApprovers"
    actions   = ["sns:Publish"]
    resources = [var.approval_topic_arn]
  }

  statement {
    # the topic is encrypted with a customer managed key: publishing encrypts with a data key
    sid       = "EncryptApprovalNotifications"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.approval_topic_key_arn]
  }
}

resource "aws_iam_role_policy" "pipeline" {
  name   = "${var.name_prefix}-pipeline"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline.json
}

resource "aws_iam_role_policy" "pipeline_notifications" {
  count = local.any_approval ? 1 : 0

  name   = "${var.name_prefix}-pipeline-notifications"
  role   = aws_iam_role.pipeline.id
  policy = data.aws_iam_policy_document.pipeline_notifications[0].json
}

# --- Builds: what both need -----------------------------------------------------------------------

data "aws_iam_policy_document" "codebuild_assume" {
  statement {
    sid     = "CodeBuildAssumesTheRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "build_common" {
  statement {
    sid       = "WriteBuildLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for group in aws_cloudwatch_log_group.build : "${group.arn}:*"]
  }

  statement {
    sid       = "UsePipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${local.arn.pipeline_bucket}/*"]
  }

  statement {
    sid       = "LocatePipelineArtifacts"
    actions   = ["s3:GetBucketAcl", "s3:GetBucketLocation"]
    resources = [local.arn.pipeline_bucket]
  }

  # The plan build clones the repository (full clone) through the source connection.
  dynamic "statement" {
    for_each = local.github ? [local.connection_arn] : []

    content {
      sid       = "CloneThroughConnection"
      actions   = concat(local.source_connection_actions, ["codeconnections:GetConnection", "codeconnections:GetConnectionToken"])
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.github ? [] : [local.repository_arn]

    content {
      sid       = "CloneCodeCommit"
      actions   = ["codecommit:GitPull"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "ListState"
    actions   = ["s3:ListBucket"]
    resources = [local.arn.state_bucket]
  }

  statement {
    sid       = "ReadState"
    actions   = ["s3:GetObject"]
    resources = local.arn.state_objects
  }

  # Terraform >= 1.10 locks the state with a lock file next to it (use_lockfile); plan locks too.
  statement {
    sid       = "LockState"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = local.arn.state_locks
  }

  statement {
    sid       = "ListReleases"
    actions   = ["s3:ListBucket"]
    resources = [local.arn.release_bucket]
  }

  # The plan build fetches the deployed zips of unaffected Lambdas and reads the release marker.
  statement {
    sid       = "ReadReleases"
    actions   = ["s3:GetObject"]
    resources = ["${local.arn.release_bucket}/*"]
  }
}

# --- Builds: what Terraform reads to plan ---------------------------------------------------------

data "aws_iam_policy_document" "terraform_read" {
  statement {
    # sts:GetCallerIdentity takes no resource: AWS accepts only "*".
    sid       = "WhoAmI"
    actions   = ["sts:GetCallerIdentity"]
    resources = ["*"]
  }

  statement {
    sid       = "ReadTables"
    actions   = ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"]
    resources = local.arn.tables
  }

  statement {
    sid       = "ReadQueues"
    actions   = ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListQueueTags"]
    resources = local.arn.queues
  }

  statement {
    sid       = "ReadTopics"
    actions   = ["sns:GetTopicAttributes", "sns:GetSubscriptionAttributes", "sns:ListTagsForResource"]
    resources = local.arn.topics
  }

  statement {
    sid = "ReadFunctions"
    actions = [
      "lambda:GetFunction",
      "lambda:GetFunctionConfiguration",
      "lambda:GetFunctionCodeSigningConfig",
      "lambda:GetFunctionConcurrency",
      "lambda:GetRuntimeManagementConfig",
      "lambda:ListVersionsByFunction",
      "lambda:GetPolicy",
      "lambda:ListTags",
      "lambda:GetAlias",
    ]
    resources = local.arn.functions
  }

  statement {
    sid = "ReadDeployments"
    actions = [
      "codedeploy:GetApplication",
      "codedeploy:GetDeploymentGroup",
      "codedeploy:ListTagsForResource",
    ]
    resources = concat(local.codedeploy.applications, local.codedeploy.deployment_groups)
  }

  statement {
    sid       = "ReadEventSourceMappings"
    actions   = ["lambda:GetEventSourceMapping", "lambda:ListTags"]
    resources = [local.arn.event_source_mappings]
  }



  statement {
    sid       = "FindLogGroups"
    actions   = ["logs:DescribeLogGroups"]
    resources = [local.arn.all_log_groups]
  }

  statement {
    sid       = "ReadLogGroups"
    actions   = ["logs:ListTagsForResource", "logs:ListTagsLogGroup"]
    resources = local.log_groups
  }

  statement {
    sid       = "ReadStateMachines"
    actions   = ["states:DescribeStateMachine", "states:ListTagsForResource"]
    resources = local.arn.state_machines
  }



  statement {
    sid       = "ReadApis"
    actions   = ["apigateway:GET"]
    resources = local.apis
  }

  statement {
    sid       = "ReadAlarms"
    actions   = ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"]
    resources = local.arn.alarms
  }

  statement {
    sid       = "ReadDashboards"
    actions   = ["cloudwatch:GetDashboard"]
    resources = local.arn.dashboards
  }







  # The provider refreshes a parameter's description and tier with DescribeParameters, which takes
  # no resource: AWS accepts only "*".
}

# --- Apply build: what Terraform changes ----------------------------------------------------------

# The order pipeline's own resources.
data "aws_iam_policy_document" "terraform_write_application" {
  statement {
    sid       = "WriteState"
    actions   = ["s3:PutObject"]
    resources = local.arn.state_objects
  }

  # After a successful apply: the new Lambda zips (by content hash) and the deployed-commit marker.
  statement {
    sid       = "RecordRelease"
    actions   = ["s3:PutObject"]
    resources = ["${local.arn.release_bucket}/lambda/*", "${local.arn.release_bucket}/deployments/*"]
  }

  statement {
    sid       = "ManageTables"
    actions   = ["dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups", "dynamodb:UpdateTimeToLive", "dynamodb:TagResource", "dynamodb:UntagResource"]
    resources = local.arn.tables
  }

  statement {
    sid       = "ManageQueues"
    actions   = ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue"]
    resources = local.arn.queues
  }

  statement {
    sid       = "ManageTopics"
    actions   = ["sns:CreateTopic", "sns:DeleteTopic", "sns:SetTopicAttributes", "sns:Subscribe", "sns:Unsubscribe", "sns:SetSubscriptionAttributes", "sns:TagResource", "sns:UntagResource"]
    resources = local.arn.topics
  }

  statement {
    sid = "ManageFunctions"
    actions = [
      "lambda:CreateFunction",
      "lambda:DeleteFunction",
      "lambda:UpdateFunctionCode",
      "lambda:UpdateFunctionConfiguration",
      "lambda:PutFunctionConcurrency",
      "lambda:DeleteFunctionConcurrency",
      "lambda:AddPermission",
      "lambda:RemovePermission",
      "lambda:TagResource",
      "lambda:UntagResource",
      "lambda:PublishVersion",
      "lambda:CreateAlias",
      "lambda:UpdateAlias",
      "lambda:DeleteAlias",
    ]
    resources = local.arn.functions
  }


  statement {
    # CreateEventSourceMapping has no resource ARN (the mapping's UUID does not exist yet): AWS
    # accepts only "*", narrowed here to this deployment's functions by the lambda:FunctionArn key.
    sid       = "CreateEventSourceMappings"
    actions   = ["lambda:CreateEventSourceMapping"]
    resources = ["*"]

    condition {
      test     = "ArnLike"
      variable = "lambda:FunctionArn"
      values   = local.arn.functions
    }
  }

  statement {
    sid       = "ManageEventSourceMappings"
    actions   = ["lambda:UpdateEventSourceMapping", "lambda:DeleteEventSourceMapping", "lambda:TagResource", "lambda:UntagResource"]
    resources = [local.arn.event_source_mappings]
  }

  statement {
    sid       = "ManageLogGroups"
    actions   = ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:TagResource", "logs:UntagResource", "logs:TagLogGroup"]
    resources = local.log_groups
  }

  statement {
    # Whoever creates or updates a state machine with logging must be allowed to set up its log
    # delivery; these vended-log APIs take no resource ARN, so AWS requires "*".
    sid = "SetUpWorkflowLogDelivery"
    actions = [
      "logs:CreateLogDelivery",
      "logs:GetLogDelivery",
      "logs:UpdateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ManageStateMachines"
    actions   = ["states:CreateStateMachine", "states:UpdateStateMachine", "states:DeleteStateMachine", "states:TagResource", "states:UntagResource"]
    resources = local.arn.state_machines
  }




  statement {
    sid       = "ManageApis"
    actions   = ["apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"]
    resources = local.apis
  }


}

# The roles, buckets and pipeline resources (the pipeline manages itself).
data "aws_iam_policy_document" "terraform_write_platform" {
  statement {
    # Every role this deployment creates, or whose policy it changes, carries its boundary.
    sid = "ManageRolesWithTheBoundary"
    actions = [
      "iam:CreateRole",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:DeleteRolePolicy",
    ]
    resources = local.arn.roles

    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = local.boundary_arns
    }
  }

  statement {
    sid = "ManageRoles"
    actions = [
      "iam:DeleteRole",
      "iam:UpdateRole",
      "iam:UpdateRoleDescription",
      "iam:UpdateAssumeRolePolicy",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:ListInstanceProfilesForRole",
    ]
    resources = local.arn.roles
  }

  # Only this deployment's own managed policies may be attached to its roles.
  statement {
    sid       = "AttachOwnPolicies"
    actions   = ["iam:AttachRolePolicy", "iam:DetachRolePolicy"]
    resources = local.arn.roles

    condition {
      test     = "ArnLike"
      variable = "iam:PolicyARN"
      values   = local.arn.policies
    }

    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = local.boundary_arns
    }
  }

  statement {
    sid = "ManageOwnPolicies"
    actions = [
      "iam:CreatePolicy",
      "iam:DeletePolicy",
      "iam:CreatePolicyVersion",
      "iam:DeletePolicyVersion",
      "iam:TagPolicy",
      "iam:UntagPolicy",
    ]
    resources = local.arn.policies
  }

  statement {
    sid       = "PassRolesToTheirServices"
    actions   = ["iam:PassRole"]
    resources = local.arn.roles

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values = [
        "lambda.amazonaws.com",
        "states.amazonaws.com",
        "apigateway.amazonaws.com",
        "codebuild.amazonaws.com",
        "codepipeline.amazonaws.com",
        "codedeploy.amazonaws.com",
        "events.amazonaws.com",
      ]
    }
  }

  statement {
    sid = "ManageBuckets"
    actions = [
      "s3:CreateBucket",
      "s3:DeleteBucket",
      "s3:PutBucketPolicy",
      "s3:DeleteBucketPolicy",
      "s3:PutBucketVersioning",
      "s3:PutEncryptionConfiguration",
      "s3:PutBucketPublicAccessBlock",
      "s3:PutBucketOwnershipControls",
      "s3:PutLifecycleConfiguration",
      "s3:PutBucketTagging",
    ]
    resources = local.arn.buckets
  }

  statement {
    sid       = "ManagePipeline"
    actions   = ["codepipeline:CreatePipeline", "codepipeline:UpdatePipeline", "codepipeline:DeletePipeline", "codepipeline:TagResource", "codepipeline:UntagResource"]
    resources = [local.arn.pipeline]
  }

  statement {
    sid       = "ManageBuildProjects"
    actions   = ["codebuild:CreateProject", "codebuild:UpdateProject", "codebuild:DeleteProject"]
    resources = local.arn.projects
  }

  statement {
    sid       = "ManageConnections"
    actions   = ["codeconnections:CreateConnection", "codeconnections:DeleteConnection", "codeconnections:TagResource", "codeconnections:UntagResource"]
    resources = [local.arn.connections]
  }

  statement {
    sid       = "ManageParameters"
    actions   = ["ssm:PutParameter", "ssm:DeleteParameter", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"]
    resources = local.arn.parameters
  }

  statement {
    sid       = "ManageEventRules"
    actions   = ["events:PutRule", "events:DeleteRule", "events:PutTargets", "events:RemoveTargets", "events:TagResource", "events:UntagResource"]
    resources = local.arn.rules
  }
}

# --- Smoke build: only what `dofs smoke` against the deployed API needs ---------------------------

data "aws_iam_policy_document" "smoke" {
  statement {
    sid       = "WriteSmokeBuildLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.build["smoke"].arn}:*"]
  }

  # Its input is the source artifact (a clone reference): read, never write.
  statement {
    sid       = "ReadPipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${local.arn.pipeline_bucket}/*"]
  }

  statement {
    sid       = "LocatePipelineArtifacts"
    actions   = ["s3:GetBucketAcl", "s3:GetBucketLocation"]
    resources = [local.arn.pipeline_bucket]
  }

  dynamic "statement" {
    for_each = local.github ? [local.connection_arn] : []

    content {
      sid       = "CloneThroughConnection"
      actions   = concat(local.source_connection_actions, ["codeconnections:GetConnection", "codeconnections:GetConnectionToken"])
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.github ? [] : [local.repository_arn]

    content {
      sid       = "CloneCodeCommit"
      actions   = ["codecommit:GitPull"]
      resources = [statement.value]
    }
  }

  # The API's URL and, when configured, its key: these parameters and no others. A SecureString
  # under the account's aws/ssm key is decrypted through SSM by the key's own policy.
  statement {
    sid       = "ReadSmokeTarget"
    actions   = ["ssm:GetParameter"]
    resources = [for name in compact(flatten([for env in var.environments : [env.smoke_api_url_parameter, env.smoke_api_key_parameter]])) : "arn:${local.partition}:ssm:${local.arn_suffix}:parameter${name}"]
  }
}

# What Terraform refreshes of the platform: roles, policies, keys, buckets, the pipeline's parts.
data "aws_iam_policy_document" "terraform_read_platform" {
  statement {
    sid       = "ReadRoles"
    actions   = ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"]
    resources = local.arn.roles
  }

  statement {
    sid       = "ReadPolicies"
    actions   = ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"]
    resources = local.arn.policies
  }

  statement {
    # Keys have no name in their ARN: the stack's own carry its Name tag.
    sid       = "ReadOwnKeys"
    actions   = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"]
    resources = [local.arn.keys]

    condition {
      test     = "StringLike"
      variable = "aws:ResourceTag/Name"
      values   = [for prefix in local.fences : "${prefix}-*"]
    }
  }

  statement {
    # kms:ListAliases takes no resource: AWS accepts only "*".
    sid       = "ListKeyAliases"
    actions   = ["kms:ListAliases"]
    resources = ["*"]
  }

  statement {
    sid = "ReadBuckets"
    actions = [
      "s3:ListBucket",
      "s3:GetBucketAcl",
      "s3:GetBucketCORS",
      "s3:GetBucketLocation",
      "s3:GetBucketLogging",
      "s3:GetBucketObjectLockConfiguration",
      "s3:GetBucketOwnershipControls",
      "s3:GetBucketPolicy",
      "s3:GetBucketPublicAccessBlock",
      "s3:GetBucketRequestPayment",
      "s3:GetBucketTagging",
      "s3:GetBucketVersioning",
      "s3:GetBucketWebsite",
      "s3:GetAccelerateConfiguration",
      "s3:GetEncryptionConfiguration",
      "s3:GetLifecycleConfiguration",
      "s3:GetReplicationConfiguration",
    ]
    resources = local.arn.buckets
  }

  statement {
    sid       = "ReadPipeline"
    actions   = ["codepipeline:GetPipeline", "codepipeline:ListTagsForResource"]
    resources = [local.arn.pipeline]
  }

  statement {
    sid       = "ReadBuildProjects"
    actions   = ["codebuild:BatchGetProjects"]
    resources = local.arn.projects
  }

  statement {
    sid       = "ReadConnections"
    actions   = ["codeconnections:GetConnection", "codeconnections:ListTagsForResource"]
    resources = [local.arn.connections]
  }

  statement {
    sid       = "ReadEventRules"
    actions   = ["events:DescribeRule", "events:ListTargetsByRule", "events:ListTagsForResource"]
    resources = local.arn.rules
  }

  statement {
    sid       = "ReadParameters"
    actions   = ["ssm:GetParameter", "ssm:GetParameters", "ssm:ListTagsForResource"]
    resources = local.arn.parameters
  }

  statement {
    sid       = "DescribeParameters"
    actions   = ["ssm:DescribeParameters"]
    resources = ["*"]
  }
}

# Monitoring and deployments: keys, alarms, dashboards, CodeDeploy (the apply's part; the boundary
# keeps the rollback net from being changed or silenced).
data "aws_iam_policy_document" "terraform_write_monitoring" {
  statement {
    # A key has no ARN before it exists: CreateKey is allowed only with this deployment's Name tag.
    sid       = "CreateOwnKeys"
    actions   = ["kms:CreateKey", "kms:TagResource"]
    resources = ["*"]

    condition {
      test     = "StringLike"
      variable = "aws:RequestTag/Name"
      values   = [for prefix in local.fences : "${prefix}-*"]
    }
  }

  statement {
    sid = "ManageOwnKeys"
    actions = [
      "kms:PutKeyPolicy",
      "kms:EnableKeyRotation",
      "kms:UpdateKeyDescription",
      "kms:ScheduleKeyDeletion",
      "kms:UntagResource",
      "kms:CreateAlias",
      "kms:DeleteAlias",
    ]
    resources = [local.arn.keys]

    condition {
      test     = "StringLike"
      variable = "aws:ResourceTag/Name"
      values   = [for prefix in local.fences : "${prefix}-*"]
    }
  }

  statement {
    # CreateAlias and DeleteAlias need the right on the alias as well as on the key.
    sid       = "ManageOwnKeyAliases"
    actions   = ["kms:CreateAlias", "kms:DeleteAlias"]
    resources = local.arn.key_aliases
  }

  statement {
    sid       = "ManageAlarms"
    actions   = ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource"]
    resources = local.arn.alarms
  }

  statement {
    sid       = "ManageDashboards"
    actions   = ["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"]
    resources = local.arn.dashboards
  }

  statement {
    # Creating the groups is the apply's; changing or deleting them, and silencing the rollback
    # alarms, the permissions boundary denies to every role (TheRollbackNetStays).
    sid = "ManageDeployments"
    actions = [
      "codedeploy:CreateApplication",
      "codedeploy:DeleteApplication",
      "codedeploy:CreateDeploymentGroup",
      "codedeploy:UpdateDeploymentGroup",
      "codedeploy:DeleteDeploymentGroup",
      "codedeploy:TagResource",
      "codedeploy:UntagResource",
    ]
    resources = concat(local.codedeploy.applications, local.codedeploy.deployment_groups)
  }
}

# --- Canary build: CodeDeploy shifts the aliases --------------------------------------------------

data "aws_iam_policy_document" "canary" {
  statement {
    sid       = "WriteCanaryBuildLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.build["canary"].arn}:*"]
  }

  statement {
    sid       = "ReadPipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${local.arn.pipeline_bucket}/*"]
  }

  statement {
    sid       = "LocatePipelineArtifacts"
    actions   = ["s3:GetBucketAcl", "s3:GetBucketLocation"]
    resources = [local.arn.pipeline_bucket]
  }

  statement {
    # Which version each alias serves now: the deployment's CurrentVersion.
    sid       = "ReadTheLiveAliases"
    actions   = ["lambda:GetAlias"]
    resources = local.codedeploy.live_aliases
  }

  statement {
    # Only deployments of these environments' function groups, and only to follow them.
    sid       = "StartAndFollowTheseDeployments"
    actions   = ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"]
    resources = local.codedeploy.deployment_groups
  }

  statement {
    sid       = "RegisterTheAppSpec"
    actions   = ["codedeploy:RegisterApplicationRevision", "codedeploy:GetApplicationRevision"]
    resources = local.codedeploy.applications
  }

  statement {
    sid       = "ReadLambdaDeploymentConfigs"
    actions   = ["codedeploy:GetDeploymentConfig"]
    resources = local.codedeploy.configs
  }
}

locals {
  # Managed policies (up to 6,144 characters each) rather than inline ones: a role's inline policies
  # share one 10,240-character budget, which the apply role's statements would exceed.
  build_policies = {
    build                   = data.aws_iam_policy_document.build_common.json
    terraform-read          = data.aws_iam_policy_document.terraform_read.json
    terraform-read-platform = data.aws_iam_policy_document.terraform_read_platform.json
    terraform-monitoring    = data.aws_iam_policy_document.terraform_write_monitoring.json
    terraform-app           = data.aws_iam_policy_document.terraform_write_application.json
    terraform-platform      = data.aws_iam_policy_document.terraform_write_platform.json
    canary                  = data.aws_iam_policy_document.canary.json
    smoke                   = data.aws_iam_policy_document.smoke.json
  }

  role_policies = {
    plan   = ["build", "terraform-read", "terraform-read-platform"]
    apply  = ["build", "terraform-read", "terraform-read-platform", "terraform-app", "terraform-monitoring", "terraform-platform"]
    canary = ["canary"]
    smoke  = ["smoke"]
  }

  role_descriptions = {
    plan   = "Role of the plan build: tests, reads what Terraform refreshes, locks and reads the state."
    apply  = "Role of the apply build: applies saved plans to the resources of the environments the pipeline deploys only."
    canary = "Role of the canary build: starts and follows CodeDeploy deployments of the functions' alias live, nothing else."
    smoke  = "Role of the smoke build: reads the source and the API's URL and key parameters, nothing else."
  }

  role_policy_attachments = merge([
    for role, policies in local.role_policies : { for policy in policies : "${role}/${policy}" => { role = role, policy = policy } }
  ]...)
}

resource "aws_iam_policy" "build" {
  for_each = local.build_policies

  name        = "${var.name_prefix}-${each.key}"
  description = "DOFS ${var.name_prefix} pipeline builds: ${each.key}."
  policy      = each.value

  tags = var.tags
}

resource "aws_iam_role" "build" {
  for_each = local.role_policies

  name                 = "${var.name_prefix}-${each.key}"
  description          = local.role_descriptions[each.key]
  assume_role_policy   = data.aws_iam_policy_document.codebuild_assume.json
  permissions_boundary = var.permissions_boundary_arn

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "build" {
  for_each = local.role_policy_attachments

  role       = aws_iam_role.build[each.value.role].name
  policy_arn = aws_iam_policy.build[each.value.policy].arn
}

# --- CodeCommit trigger ---------------------------------------------------------------------------

data "aws_iam_policy_document" "events_assume" {
  count = local.github ? 0 : 1

  statement {
    sid     = "EventBridgeAssumesTheRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "events" {
  count = local.github ? 0 : 1

  name                 = "${var.name_prefix}-pipeline-trigger"
  description          = "Lets EventBridge start ${local.pipeline_name} on a CodeCommit push."
  assume_role_policy   = data.aws_iam_policy_document.events_assume[0].json
  permissions_boundary = var.permissions_boundary_arn

  tags = var.tags
}

data "aws_iam_policy_document" "events" {
  count = local.github ? 0 : 1

  statement {
    sid       = "StartPipeline"
    actions   = ["codepipeline:StartPipelineExecution"]
    resources = [aws_codepipeline.this.arn]
  }
}

resource "aws_iam_role_policy" "events" {
  count = local.github ? 0 : 1

  name   = "${var.name_prefix}-pipeline-trigger"
  role   = aws_iam_role.events[0].id
  policy = data.aws_iam_policy_document.events[0].json
}
