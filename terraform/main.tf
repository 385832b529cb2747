data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name_prefix = "${var.project_name}-${var.environment}"

  tags = merge(var.tags, {
    Project     = var.project_name
    Environment = var.environment
    ManagedBy   = "terraform"
  })

  # The one source of table, queue, topic and metric names, shared with the local runtime.
  resources = jsondecode(file("${path.root}/../contracts/resources.json"))
  defaults  = local.resources.defaults

  # One function per Lambda app: every apps/<app>/lambda.json, nothing else.
  lambda_manifests = {
    for manifest in fileset("${path.root}/../apps", "*/lambda.json") :
    dirname(manifest) => jsondecode(file("${path.root}/../apps/${manifest}"))
  }

  queue_name             = local.resources.queues.order_queue.name
  dead_letter_queue_name = local.resources.queues[local.resources.queues.order_queue.dead_letter_queue].name

  # Known before the state machine exists: the api-handler needs it in its environment and policy,
  # while the state machine needs the other functions' ARNs (the output below checks they agree).
  state_machine_name = "${local.name_prefix}-order-workflow"
  state_machine_arn  = "arn:${data.aws_partition.current.partition}:states:${var.aws_region}:${data.aws_caller_identity.current.account_id}:stateMachine:${local.state_machine_name}"

  # What a manifest's permission names ("<actions> on <kind>:<name>"), as ARNs of this deployment.
  resource_arns = merge(
    { for key, arn in module.dynamodb.table_arns : "table:${key}" => arn },
    { for key, arn in module.dynamodb.index_arns : "index:${key}" => arn },
    {
      "queue:${local.queue_name}"             = module.sqs.queue_arn
      "queue:${local.dead_letter_queue_name}" = module.sqs.dead_letter_queue_arn
      "state_machine:order-workflow"          = local.state_machine_arn
    },
  )

  # What a manifest's environment `source` names, as values of this deployment.
  environment_sources = merge(
    { for key, name in module.dynamodb.table_names : "table:${key}" => name },
    {
      "state_machine:order-workflow"     = local.state_machine_arn
      "metrics:namespace"                = local.resources.metrics.namespace
      "default:fulfillment_success_rate" = tostring(coalesce(var.fulfillment_success_rate, local.defaults.fulfillment_success_rate))
      "default:max_receive_count"        = tostring(var.sqs_max_receive_count)
      "secret:cursor_signing_key"        = terraform_data.cursor_signing_key.output
    },
  )

  # <kind>:<name>, e.g. table:orders, or index:orders/status-created_at-index
  permission_pattern = "^(.+) on ([a-z_]+:[A-Za-z0-9_./-]+)$"

  # Separate from local.functions, which depends on the queues: the queue module needs these.
  function_timeouts = {
    for app, manifest in local.lambda_manifests : app => try(manifest.timeout_seconds, var.lambda_timeout)
  }

  functions = {
    for app, manifest in local.lambda_manifests : app => {
      description  = manifest.description
      package_path = "${path.root}/${var.artifacts_dir}/${app}.zip"
      handler      = manifest.handler
      timeout      = local.function_timeouts[app]
      memory_size  = var.lambda_memory_size
      # A required variable whose source is unknown fails here (invalid index) rather than
      # deploying a function that would refuse to start; an optional one is set when resolvable.
      environment = {
        for name, variable in manifest.environment : name => local.environment_sources[variable.source]
        if variable.required || contains(keys(local.environment_sources), variable.source)
      }
      policy_statements = [
        for permission in manifest.permissions : {
          actions   = [for action in split(",", regex(local.permission_pattern, permission)[0]) : trimspace(action)]
          resources = [local.resource_arns[regex(local.permission_pattern, permission)[1]]]
        }
      ]
      reserved_concurrency = lookup(var.lambda_reserved_concurrency, app, -1)
    }
  }

  queue_consumers = {
    for app, manifest in local.lambda_manifests : app => manifest.trigger.queue
    if manifest.trigger.type == "sqs"
  }

  # The app consuming each queue (for the visibility-timeout rule).
  queue_consumer_apps = { for app, queue in local.queue_consumers : queue => app }

  api_handlers = [for app, manifest in local.lambda_manifests : app if manifest.trigger.type == "api"]

  # What one pipeline run deploys, in promotion order: each environment with its own state key,
  # variables file, smoke parameters and approval (smoke.tf writes the parameters in each).
  pipeline_environments = [
    for env in var.pipeline_environments : {
      name                    = env
      name_prefix             = "${var.project_name}-${env}"
      state_key               = env == var.environment ? var.state_key : "${var.project_name}/${env}/terraform.tfstate"
      var_file                = "environments/${env}.tfvars"
      require_approval        = contains(var.approval_environments, env)
      smoke_api_url_parameter = "/${var.project_name}-${env}/smoke/api-url"
      smoke_api_key_parameter = "/${var.project_name}-${env}/smoke/api-key"
    }
  ]
}

module "dynamodb" {
  source = "./modules/dynamodb"

  name_prefix = local.name_prefix
  tables      = local.resources.tables
  # A dev table may be thrown away; any other is protected unless said otherwise.
  deletion_protection = coalesce(var.deletion_protection, var.environment != "dev")
  kms_key_arn         = var.table_kms_key_arn
  tags                = local.tags
}

module "sqs" {
  source = "./modules/sqs"

  name_prefix                           = local.name_prefix
  queue_name                            = local.queue_name
  dead_letter_queue_name                = local.dead_letter_queue_name
  visibility_timeout_seconds            = var.sqs_visibility_timeout
  consumer_timeout_seconds              = local.function_timeouts[local.queue_consumer_apps[local.queue_name]]
  dead_letter_consumer_timeout_seconds  = local.function_timeouts[local.queue_consumer_apps[local.dead_letter_queue_name]]
  max_receive_count                     = var.sqs_max_receive_count
  dead_letter_message_retention_seconds = local.defaults.dlq_message_retention_seconds
  tags                                  = local.tags
}

module "lambdas" {
  source = "./modules/lambdas"

  permissions_boundary_arn = aws_iam_policy.permissions_boundary.arn

  name_prefix        = local.name_prefix
  functions          = local.functions
  log_level          = var.lambda_log_level
  log_retention_days = var.log_retention_days
  tags               = local.tags

  queue_triggers = {
    for app, queue in local.queue_consumers : app => {
      queue_arn                          = local.resource_arns["queue:${queue}"]
      batch_size                         = local.defaults.sqs_batch_size
      maximum_batching_window_in_seconds = local.defaults.sqs_maximum_batching_window_seconds
      maximum_concurrency                = queue == local.dead_letter_queue_name ? var.dlq_processor_max_concurrency : var.fulfillment_max_concurrency
    }
  }
}

module "stepfunctions" {
  source = "./modules/stepfunctions"

  permissions_boundary_arn = aws_iam_policy.permissions_boundary.arn

  name            = local.state_machine_name
  definition_file = "${path.root}/../contracts/order-workflow.asl.json"
  # The tasks invoke <function ARN>:<alias>: the ASL's ${function_alias} placeholder.
  validator_function_arn     = module.lambdas.function_arns["validator"]
  order_storage_function_arn = module.lambdas.function_arns["order-storage"]
  function_alias             = module.lambdas.alias_name
  order_queue_url            = module.sqs.queue_url
  order_queue_arn            = module.sqs.queue_arn
  include_execution_data     = var.workflow_log_execution_data
  log_level                  = var.workflow_log_level
  log_retention_days         = var.log_retention_days
  tags                       = local.tags
}

module "api_gateway" {
  source = "./modules/api_gateway"

  permissions_boundary_arn = aws_iam_policy.permissions_boundary.arn

  name         = "${local.name_prefix}-api"
  openapi_file = "${path.root}/../contracts/openapi.yaml"
  # The integration invokes the alias `live`, and only the alias may be invoked by the API.
  api_handler_invoke_arn      = module.lambdas.alias_invoke_arns[local.api_handlers[0]]
  api_handler_function_name   = module.lambdas.function_names[local.api_handlers[0]]
  api_handler_qualifier       = module.lambdas.alias_name
  stage_name                  = var.environment
  throttling_rate_limit       = var.api_throttling_rate_limit
  throttling_burst_limit      = var.api_throttling_burst_limit
  clients                     = local.api_clients
  manage_account_logging_role = var.manage_api_gateway_account
  log_retention_days          = var.log_retention_days
  tags                        = local.tags
}

module "monitoring" {
  source = "./modules/monitoring"

  name_prefix                  = local.name_prefix
  aws_region                   = var.aws_region
  topic_name                   = local.resources.topics.alerts.name
  notification_email           = var.notification_email
  enable_failed_orders_alarm   = var.enable_dlq_alerting
  failed_orders_threshold      = var.dlq_alert_threshold
  failed_orders_period_seconds = local.defaults.dlq_alert_period_seconds
  queue_name                   = module.sqs.queue_name
  dead_letter_queue_name       = module.sqs.dead_letter_queue_name
  api_name                     = module.api_gateway.name
  api_stage_name               = module.api_gateway.stage_name
  function_names               = module.lambdas.function_names
  state_machine_arn            = module.stepfunctions.arn
  tags                         = local.tags

  failed_orders_metric = {
    namespace = local.resources.metrics.namespace
    name      = local.resources.metrics.failed_orders.name
    service   = local.resources.metrics.failed_orders.service_dimension
  }
}

module "deployments" {
  source = "./modules/deployments"

  permissions_boundary_arn = aws_iam_policy.permissions_boundary.arn

  name_prefix            = local.name_prefix
  aws_region             = var.aws_region
  partition              = data.aws_partition.current.partition
  alias_name             = module.lambdas.alias_name
  deployment_config_name = var.deployment_config_name
  rollback_alarms        = var.rollback_alarms
  state_machine_arn      = module.stepfunctions.arn
  alarm_actions          = [module.monitoring.topic_arn]
  tags                   = local.tags

  functions = {
    for app, name in module.lambdas.function_names : app => {
      function_name   = name
      alias_arn       = module.lambdas.alias_arns[app]
      version         = module.lambdas.versions[app]
      p99_duration_ms = lookup(var.rollback_p99_duration_ms, app, floor(local.function_timeouts[app] * 800))
    }
  }
}

module "cicd" {
  source = "./cicd"
  count  = var.enable_pipeline ? 1 : 0

  permissions_boundary_arn = aws_iam_policy.permissions_boundary.arn

  name_prefix     = local.name_prefix
  aws_region      = var.aws_region
  source_provider = var.source_provider
  repository      = var.repository
  branch          = var.branch
  # the approval waits for a person: tell the people who watch the alerts
  approval_topic_arn     = module.monitoring.topic_arn
  approval_topic_key_arn = module.monitoring.topic_key_arn
  state_bucket           = var.state_bucket
  terraform_version      = var.terraform_version
  log_retention_days     = var.log_retention_days
  environments           = local.pipeline_environments
  tags                   = local.tags
}
