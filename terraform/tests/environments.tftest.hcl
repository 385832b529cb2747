# Each environment's plan, with its committed variables file: scripts/terraform-checks.mjs (and the
# pipeline's Build stage) runs this file once per environments/<env>.tfvars with -var-file, and
# once without one (the default single dev environment). Mocked provider: no AWS.
#
# The aliases and functions get fixed values at plan time (override_during = plan) so that the
# wiring can be compared: every caller must name the alias `live`, not the function.

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }

  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }

  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
}

override_resource {
  target          = module.lambdas.aws_lambda_function.this
  override_during = plan
  values = {
    arn        = "arn:aws:lambda:ap-south-1:123456789012:function:dofs-fn"
    invoke_arn = "arn:aws:apigateway:ap-south-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-south-1:123456789012:function:dofs-fn/invocations"
    version    = "7"
  }
}

override_resource {
  target          = module.lambdas.aws_lambda_alias.this
  override_during = plan
  values = {
    arn        = "arn:aws:lambda:ap-south-1:123456789012:function:dofs-fn:live"
    invoke_arn = "arn:aws:apigateway:ap-south-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-south-1:123456789012:function:dofs-fn:live/invocations"
  }
}

# The workflow's definition also names the queue: known at plan, the definition can be read.
override_resource {
  target          = module.sqs.aws_sqs_queue.this
  override_during = plan
  values = {
    arn = "arn:aws:sqs:ap-south-1:123456789012:dofs-order_queue"
    url = "https://sqs.ap-south-1.amazonaws.com/123456789012/dofs-order_queue"
  }
}

# What no environment file sets: the account-wide pipeline settings of terraform.tfvars.
variables {
  project_name    = "dofs"
  aws_region      = "ap-south-1"
  source_provider = "GitHub"
  repository      = "example-org/dofs"
  state_bucket    = "dofs-tfstate-123456789012-ap-south-1"
}

# dev holds the pipeline; staging and prod hold only their smoke client and parameters beyond the
# stack (the 90 resources of a dev without pipeline, plus the smoke key, its usage plan and the two
# parameters).
# plan adds 147 resources with environments/dev.tfvars
# plan adds 95 resources with environments/staging.tfvars
# plan adds 95 resources with environments/prod.tfvars
run "environment" {
  command = plan

  assert {
    condition     = var.state_key == "dofs/${var.environment}/terraform.tfstate"
    error_message = "Each environment keeps its own state: dofs/<environment>/terraform.tfstate."
  }

  assert {
    condition     = output.function_names["api-handler"] == "dofs-${var.environment}-api-handler" && output.table_names["orders"] == "dofs-${var.environment}-orders"
    error_message = "Each environment's resources carry its name."
  }

  assert {
    condition     = aws_ssm_parameter.smoke_api_url[0].name == "/dofs-${var.environment}/smoke/api-url" && aws_ssm_parameter.smoke_api_key[0].name == "/dofs-${var.environment}/smoke/api-key"
    error_message = "Every environment the pipeline deploys has its own smoke URL and API key parameters."
  }
}

run "deployment_configuration" {
  command = plan

  assert {
    condition     = var.environment == "dev" ? output.deployment_config_name == "CodeDeployDefault.LambdaAllAtOnce" : can(regex("^CodeDeployDefault\\.Lambda(Canary|Linear)", output.deployment_config_name))
    error_message = "dev shifts all at once; staging and prod shift by canary or linear steps."
  }

  assert {
    condition     = toset(keys(output.lambda_deployments)) == toset(keys(output.function_names)) && module.deployments.application.compute_platform == "Lambda"
    error_message = "One CodeDeploy deployment group per function, in a Lambda application."
  }

  assert {
    condition = alltrue([
      for app, group in output.lambda_deployments :
      group.deployment_config == var.deployment_config_name && group.traffic_control == "BLUE_GREEN/WITH_TRAFFIC_CONTROL"
      && group.rollback_events == tolist(["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]) && group.alarms_must_be_readable
    ])
    error_message = "Every group uses the environment's configuration and rolls back by itself on failure and on alarm."
  }

  assert {
    condition = alltrue([
      for app, group in output.lambda_deployments :
      group.rollback_alarms == sort(["dofs-${var.environment}-rollback-${app}-errors", "dofs-${var.environment}-rollback-${app}-p99-duration", "dofs-${var.environment}-rollback-workflow-failed"])
    ])
    error_message = "A deployment rolls back on its function's errors and p99 duration, and on the workflow's failed executions."
  }

  assert {
    condition = alltrue([
      for app in keys(output.function_names) :
      module.deployments.rollback_alarms["dofs-${var.environment}-rollback-${app}-errors"].dimensions["Resource"] == "dofs-${var.environment}-${app}:live"
      && module.deployments.rollback_alarms["dofs-${var.environment}-rollback-${app}-errors"].threshold == var.rollback_alarms.errors
      && module.deployments.rollback_alarms["dofs-${var.environment}-rollback-${app}-p99-duration"].statistic == "p99"
    ]) && module.deployments.rollback_alarms["dofs-${var.environment}-rollback-workflow-failed"].metric == "AWS/States/ExecutionsFailed"
    error_message = "The rollback alarms watch each alias's errors and p99 duration, and the workflow's failed executions."
  }

  assert {
    condition     = alltrue([for app, group in output.lambda_deployments : group.target_version == "7" && group.alias == "live" && group.deployment_group == app && group.function_name == output.function_names[app]])
    error_message = "The Canary build gets, per function, its group and the version the apply publishes."
  }
}

run "every_caller_invokes_the_alias" {
  command = plan

  assert {
    condition     = alltrue([for app, alias in module.lambdas.aliases : alias.name == "live" && alias.created_on_version == module.lambdas.versions[app]])
    error_message = "Each function has the alias live, created on the version it publishes."
  }

  assert {
    condition     = length(module.lambdas.event_source_mappings) == 2 && alltrue([for app, mapping in module.lambdas.event_source_mappings : mapping.function_name == module.lambdas.aliases[app].arn])
    error_message = "Both event source mappings invoke the alias."
  }

  assert {
    condition     = strcontains(module.api_gateway.body, "functions/arn:aws:lambda:ap-south-1:123456789012:function:dofs-fn:live/invocations") && !strcontains(module.api_gateway.body, "function:dofs-fn/invocations")
    error_message = "API Gateway's integration URI is the alias's invoke ARN."
  }

  assert {
    condition     = module.api_gateway.invoke_permission.qualifier == "live"
    error_message = "API Gateway may invoke the alias (the permission's qualifier)."
  }

  assert {
    condition     = length(regexall("\"FunctionName\": \"arn:aws:lambda:ap-south-1:123456789012:function:dofs-fn:live\"", module.stepfunctions.definition)) == 3 && !strcontains(module.stepfunctions.definition, "function:dofs-fn\"")
    error_message = "Every Task of the workflow invokes <function>:live (the ASL's $${function_alias})."
  }
}

run "promotion" {
  command = plan

  assert {
    condition     = var.enable_pipeline ? [for stage in output.pipeline_stages : stage.name] == concat(["Source", "Build"], [for env in var.pipeline_environments : title(env)]) : output.pipeline_stages == null
    error_message = "The pipeline (in dev) builds once, then deploys each environment in order; the others hold no pipeline."
  }

  assert {
    # (no pipeline, no stages: the assertion above checks that)
    condition = alltrue([
      for stage in try(slice(output.pipeline_stages, 2, length(output.pipeline_stages)), []) :
      join(",", stage.actions) == (contains(var.approval_environments, lower(stage.name)) ? "Plan,Approve,Apply,Canary,Smoke" : "Plan,Apply,Canary,Smoke")
    ])
    error_message = "Each environment plans, waits for approval where asked, applies, shifts the aliases, then smoke-tests."
  }

  assert {
    condition     = !contains(var.pipeline_environments, "prod") || contains(var.approval_environments, "prod")
    error_message = "Nothing reaches prod without a person's approval."
  }
}
