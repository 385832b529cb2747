# The preconditions, each made to fail on purpose (`terraform test`, mocked provider): a module run
# with the values that break one rule, expecting that resource's or output's precondition, and a
# passing run beside each so that the failure is the rule's and not the fixture's.

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

variables {
  enable_pipeline = true
  source_provider = "GitHub"
  repository      = "example-org/dofs"
  state_bucket    = "dofs-tfstate-123456789012-ap-south-1"
}

# Values the sqs module gets from the root, within every rule.
run "queues_within_the_rules" {
  command = plan

  module {
    source = "./modules/sqs"
  }

  variables {
    name_prefix                           = "dofs-dev"
    queue_name                            = "order_queue"
    dead_letter_queue_name                = "order_dlq"
    visibility_timeout_seconds            = 60
    consumer_timeout_seconds              = 10
    dead_letter_consumer_timeout_seconds  = 10
    max_receive_count                     = 3
    message_retention_seconds             = 345600
    dead_letter_message_retention_seconds = 1209600
  }

  assert {
    condition     = aws_sqs_queue.this.visibility_timeout_seconds == 60
    error_message = "The work queue keeps the visibility timeout it was given."
  }
}

run "queue_visibility_below_six_consumer_timeouts" {
  command = plan

  module {
    source = "./modules/sqs"
  }

  variables {
    name_prefix                           = "dofs-dev"
    queue_name                            = "order_queue"
    dead_letter_queue_name                = "order_dlq"
    visibility_timeout_seconds            = 59
    consumer_timeout_seconds              = 10
    dead_letter_consumer_timeout_seconds  = 10
    max_receive_count                     = 3
    message_retention_seconds             = 345600
    dead_letter_message_retention_seconds = 1209600
  }

  expect_failures = [aws_sqs_queue.this]
}

run "dead_letter_queue_keeps_messages_shorter_than_the_work_queue" {
  command = plan

  module {
    source = "./modules/sqs"
  }

  variables {
    name_prefix                           = "dofs-dev"
    queue_name                            = "order_queue"
    dead_letter_queue_name                = "order_dlq"
    visibility_timeout_seconds            = 60
    consumer_timeout_seconds              = 10
    dead_letter_consumer_timeout_seconds  = 10
    max_receive_count                     = 3
    message_retention_seconds             = 345600
    dead_letter_message_retention_seconds = 86400
  }

  expect_failures = [aws_sqs_queue.dead_letter]
}

run "tables_within_the_rules" {
  command = plan

  module {
    source = "./modules/dynamodb"
  }

  variables {
    name_prefix = "dofs-dev"
    tables = {
      orders = {
        name     = "orders"
        hash_key = { name = "order_id", type = "S" }
        global_secondary_indexes = [
          { name = "by_customer", hash_key = { name = "customer_id", type = "S" }, range_key = { name = "created_at", type = "S" }, projection = "ALL" },
        ]
      }
    }
  }

  assert {
    condition     = aws_dynamodb_table.this["orders"].billing_mode == "PAY_PER_REQUEST"
    error_message = "Tables are on demand."
  }
}

run "key_attribute_declared_with_two_types" {
  command = plan

  module {
    source = "./modules/dynamodb"
  }

  variables {
    name_prefix = "dofs-dev"
    tables = {
      orders = {
        name     = "orders"
        hash_key = { name = "order_id", type = "S" }
        global_secondary_indexes = [
          { name = "by_order_number", hash_key = { name = "order_id", type = "N" }, projection = "KEYS_ONLY" },
        ]
      }
    }
  }

  expect_failures = [aws_dynamodb_table.this]
}

# The api-handler is given the workflow's ARN before the workflow exists (STATE_MACHINE_ARN and its
# IAM policy are built from the name); the root's output refuses a workflow whose ARN differs.
run "workflow_arn_differs_from_the_one_the_api_handler_was_given" {
  command = plan

  override_module {
    target = module.stepfunctions
    outputs = {
      arn  = "arn:aws:states:ap-south-1:123456789012:stateMachine:someone-elses-workflow"
      name = "someone-elses-workflow"
    }
  }

  expect_failures = [output.state_machine_arn]
}
