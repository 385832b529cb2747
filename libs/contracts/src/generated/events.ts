// Generated from contracts/events/*.schema.json by libs/contracts/tools/generate.mjs. Do not edit: run `npm run codegen`.
/* eslint-disable */
/**
 * An item of the failed_orders table, written once by dlq-processor for each message that reached order_dlq. A message that does not follow the fulfillment message contract is kept too, under the key invalid-message:<message id>.
 */
export interface FailedOrderRecord {
/**
 * The order's id, or invalid-message:<SQS message id> for a message that names no valid order.
 */
order_id: string
reason: ("MAX_RECEIVES_EXCEEDED" | "INVALID_MESSAGE" | "ORDER_NOT_FOUND")
/**
 * ISO 8601 timestamp.
 */
failed_at: string
/**
 * ApproximateReceiveCount of the message when the DLQ processor took it; SQS keeps counting across the redrive, so it includes the receives on order_queue.
 */
receive_count: number
/**
 * Fulfillment attempts recorded on the order.
 */
attempts: number
customer_id?: string
total_amount?: number
currency?: string
correlation_id?: string
/**
 * The error of the last failed attempt.
 */
last_error?: string
message_id: string
/**
 * The message body exactly as received, for replay.
 */
message_body: string
}
/**
 * The body of a message on order_queue (and, after maxReceiveCount failed receives, on order_dlq). Sent by the EnqueueOrder task of the order workflow; read by fulfill-order and dlq-processor.
 */
export interface FulfillmentMessage {
schema_version: 1
/**
 * A lowercase UUID.
 */
order_id: string
customer_id: string
total_amount: number
/**
 * ISO 4217 code; `USD` when omitted.
 */
currency: string
correlation_id: string
created_at: string
}
/**
 * The payload of the StoreOrder and DiscardOrder tasks of the order workflow.
 */
export type OrderStorageRequest = (StoreOrderRequest | DiscardOrderRequest)

export interface StoreOrderRequest {
action: "store"
/**
 * A lowercase UUID.
 */
order_id: string
request_hash: string
correlation_id: string
received_at: string
order: {
customer_id: string
/**
 * 1 to 100 lines, each product at most once (business rules, answered with 422).
 */
items: {
product_id: string
/**
 * 1 to 1000 (a business rule, answered with 422).
 */
quantity: number
/**
 * Unit price, greater than 0 and at most 1,000,000, with at most two decimals (business rules, answered with 422).
 */
price: number
}[]
/**
 * Must equal the sum of quantity x price, to the cent (a business rule, answered with 422).
 */
total_amount: number
/**
 * ISO 4217 code; `USD` when omitted.
 */
currency?: string
}
}
export interface DiscardOrderRequest {
action: "discard"
/**
 * A lowercase UUID.
 */
order_id: string
request_hash: string
correlation_id: string
}
/**
 * What the StoreOrder task returns: the order as accepted (identical for every replay of the same request), whether this call created it, and its current status.
 */
export interface OrderStorageResult {
created: boolean
status: ("PENDING" | "FULFILLED" | "FAILED")
order: {
/**
 * A lowercase UUID.
 */
order_id: string
status: ("PENDING" | "FULFILLED" | "FAILED")
customer_id: string
/**
 * @maxItems 1000
 */
items: {
product_id: string
/**
 * 1 to 1000 (a business rule, answered with 422).
 */
quantity: number
/**
 * Unit price, greater than 0 and at most 1,000,000, with at most two decimals (business rules, answered with 422).
 */
price: number
}[]
total_amount: number
/**
 * ISO 4217 code; `USD` when omitted.
 */
currency: string
/**
 * Fulfillment attempts made so far.
 */
attempts: number
last_error?: {
attempt: number
/**
 * ISO 8601 timestamp.
 */
at: string
message: string
}
/**
 * ISO 8601 timestamp.
 */
created_at: string
/**
 * ISO 8601 timestamp.
 */
updated_at: string
/**
 * ISO 8601 timestamp, when FULFILLED.
 */
fulfilled_at?: string
/**
 * ISO 8601 timestamp, when FAILED.
 */
failed_at?: string
/**
 * Why the order FAILED.
 */
failure_reason?: string
}
}
/**
 * What the validator function returns to the ValidateOrder task.
 */
export interface OrderValidationResult {
valid: boolean
violations: RuleViolation[]
}
export interface RuleViolation {
rule: ("LINE_COUNT" | "QUANTITY_RANGE" | "PRICE_RANGE" | "PRICE_PRECISION" | "TOTAL_PRECISION" | "TOTAL_MISMATCH" | "DUPLICATE_PRODUCT")
path: string
problem: string
}
/**
 * The input of the order workflow (contracts/order-workflow.asl.json), built by the API handler, and the payload of its ValidateOrder task.
 */
export interface OrderWorkflowInput {
/**
 * A lowercase UUID.
 */
order_id: string
/**
 * SHA-256 of the canonical request body; tells a replay from a conflict.
 */
request_hash: string
correlation_id: string
/**
 * ISO 8601 timestamp of the API request.
 */
received_at: string
order: {
customer_id: string
/**
 * 1 to 100 lines, each product at most once (business rules, answered with 422).
 */
items: {
product_id: string
/**
 * 1 to 1000 (a business rule, answered with 422).
 */
quantity: number
/**
 * Unit price, greater than 0 and at most 1,000,000, with at most two decimals (business rules, answered with 422).
 */
price: number
}[]
/**
 * Must equal the sum of quantity x price, to the cent (a business rule, answered with 422).
 */
total_amount: number
/**
 * ISO 4217 code; `USD` when omitted.
 */
currency?: string
}
}
/**
 * The output of a successful order workflow execution, read by the API handler.
 */
export type OrderWorkflowOutput = (OrderAcceptedOutput | OrderRejectedOutput)

export interface OrderAcceptedOutput {
outcome: "ACCEPTED"
created: boolean
order: {
/**
 * A lowercase UUID.
 */
order_id: string
status: ("PENDING" | "FULFILLED" | "FAILED")
customer_id: string
/**
 * @maxItems 1000
 */
items: {
product_id: string
/**
 * 1 to 1000 (a business rule, answered with 422).
 */
quantity: number
/**
 * Unit price, greater than 0 and at most 1,000,000, with at most two decimals (business rules, answered with 422).
 */
price: number
}[]
total_amount: number
/**
 * ISO 4217 code; `USD` when omitted.
 */
currency: string
/**
 * Fulfillment attempts made so far.
 */
attempts: number
last_error?: {
attempt: number
/**
 * ISO 8601 timestamp.
 */
at: string
message: string
}
/**
 * ISO 8601 timestamp.
 */
created_at: string
/**
 * ISO 8601 timestamp.
 */
updated_at: string
/**
 * ISO 8601 timestamp, when FULFILLED.
 */
fulfilled_at?: string
/**
 * ISO 8601 timestamp, when FAILED.
 */
failed_at?: string
/**
 * Why the order FAILED.
 */
failure_reason?: string
}
}
export interface OrderRejectedOutput {
outcome: "REJECTED"
/**
 * A lowercase UUID.
 */
order_id: string
violations: {
rule: ("LINE_COUNT" | "QUANTITY_RANGE" | "PRICE_RANGE" | "PRICE_PRECISION" | "TOTAL_PRECISION" | "TOTAL_MISMATCH" | "DUPLICATE_PRODUCT")
path: string
problem: string
}[]
}
