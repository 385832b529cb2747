# `terraform test` with a mocked AWS provider: evaluates the whole configuration as a plan would
# (every expression, for_each, validation and precondition) without credentials. The plan build
# runs it (buildspec.yml) after the Lambda zips exist. The jest tests beside it check the rest.

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

# Fixed here so that a committed terraform.tfvars cannot change what the assertions expect.
variables {
  project_name    = "dofs"
  environment     = "dev"
  aws_region      = "ap-south-1"
  enable_pipeline = true
  source_provider = "GitHub"
  repository      = "example-org/dofs"
  state_bucket    = "dofs-tfstate-123456789012-ap-south-1"
}

# plan adds 147 resources
run "one_function_per_lambda_app" {
  command = plan

  assert {
    condition     = length(output.function_names) == length(fileset("${path.root}/../apps", "*/lambda.json"))
    error_message = "Every apps/<app>/lambda.json must give exactly one function."
  }

  assert {
    condition     = output.function_names["api-handler"] == "dofs-dev-api-handler"
    error_message = "Functions are named <project>-<environment>-<app>."
  }

  assert {
    condition     = output.table_names["orders"] == "dofs-dev-orders" && output.table_names["failed_orders"] == "dofs-dev-failed_orders"
    error_message = "Tables are named from contracts/resources.json with the prefix."
  }

  assert {
    condition     = aws_ssm_parameter.smoke_api_key[0].name == "/dofs-dev/smoke/api-key" && aws_ssm_parameter.smoke_api_key[0].type == "SecureString" && contains(keys(local.api_clients), "pipeline-smoke")
    error_message = "The pipeline's Smoke build has its own API key, in a SecureString parameter."
  }

  assert {
    condition     = aws_ssm_parameter.smoke_api_url[0].name == "/dofs-dev/smoke/api-url" && aws_ssm_parameter.smoke_api_url[0].type == "String"
    error_message = "The Smoke build reads the deployed API's URL from SSM."
  }
}

run "codecommit_source" {
  command = plan

  variables {
    source_provider = "CodeCommit"
    repository      = "dofs"
  }

  assert {
    condition     = output.source_connection_arn == null
    error_message = "A CodeCommit source needs no GitHub connection."
  }
}

# plan adds 90 resources
run "without_pipeline" {
  command = plan

  variables {
    enable_pipeline = false
    repository      = null
    state_bucket    = null
  }

  assert {
    condition     = output.pipeline_name == null
    error_message = "enable_pipeline = false must not create the pipeline."
  }

  assert {
    condition     = length(aws_ssm_parameter.smoke_api_key) == 0 && !contains(keys(local.api_clients), "pipeline-smoke")
    error_message = "Without the pipeline there is no Smoke build, nor its API key."
  }
}

run "visibility_timeout_below_six_times_the_function_timeout" {
  command = plan

  variables {
    sqs_visibility_timeout = 30
  }

  expect_failures = [var.sqs_visibility_timeout]
}

run "pipeline_needs_a_repository" {
  command = plan

  variables {
    repository = null
  }

  expect_failures = [var.repository]
}
