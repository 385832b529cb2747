# The key that signs GET /orders page cursors (HMAC-SHA256), passed to the api-handler as
# CURSOR_SIGNING_KEY (apps/api-handler/lambda.json, source "secret:cursor_signing_key").
#
# A value made once and kept in the state rather than a Secrets Manager secret or an SSM
# parameter: the function then needs no extra permission, no SDK client and no call at cold
# start. The key only makes cursors tamper-evident (a forged cursor could reach nothing a client
# cannot ask for directly), so the state bucket's protection and Lambda's encryption of its
# environment at rest are enough.
#
# Two uuid()s give 244 random bits (uuid() reads crypto/rand) without the random provider.
# uuid() changes at every plan, so ignore_changes keeps the first value; rotate with
# `terraform apply -replace=terraform_data.cursor_signing_key` (outstanding cursors then become
# INVALID_CURSOR, and clients start again from the first page).
resource "terraform_data" "cursor_signing_key" {
  input = "${uuid()}${uuid()}"

  lifecycle {
    ignore_changes = [input]
  }
}
