locals {
  # DynamoDB wants one `attribute` per key attribute used by the table or any of its indexes,
  # and no others. Grouping (`...`) tolerates an attribute shared by several keys.
  key_attributes = {
    for key, table in var.tables : key => {
      for attribute in concat(
        [table.hash_key],
        table.range_key == null ? [] : [table.range_key],
        flatten([
          for index in table.global_secondary_indexes :
          concat([index.hash_key], index.range_key == null ? [] : [index.range_key])
        ]),
      ) : attribute.name => attribute.type...
    }
  }
}

resource "aws_dynamodb_table" "this" {
  for_each = var.tables

  name                        = "${var.name_prefix}-${each.value.name}"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = each.value.hash_key.name
  range_key                   = each.value.range_key == null ? null : each.value.range_key.name
  deletion_protection_enabled = var.deletion_protection

  dynamic "attribute" {
    for_each = local.key_attributes[each.key]

    content {
      name = attribute.key
      type = attribute.value[0]
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.global_secondary_indexes

    content {
      name            = global_secondary_index.value.name
      hash_key        = global_secondary_index.value.hash_key.name
      range_key       = global_secondary_index.value.range_key == null ? null : global_secondary_index.value.range_key.name
      projection_type = global_secondary_index.value.projection
    }
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = merge(var.tags, { Name = "${var.name_prefix}-${each.value.name}" })

  lifecycle {
    precondition {
      condition     = alltrue([for name, types in local.key_attributes[each.key] : length(distinct(types)) == 1])
      error_message = "A key attribute of table ${each.value.name} is declared with two different types."
    }
  }
}
