// Generated from contracts/openapi.yaml by libs/contracts/tools/generate.mjs. Do not edit: run `npm run codegen`.
/* eslint-disable */
export interface paths {
    "/order": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit an order for fulfillment
         * @description Validates the order against the schema (400) and the business rules (422), stores it as
         *     `PENDING` and queues it for fulfillment, all before answering 201.
         *
         *     Send an `Idempotency-Key` to make the request safe to retry: the same key with the same
         *     body returns the same order and the same answer (with `Idempotent-Replayed: true`); the
         *     same key with another body is a 409. Bodies above 65,536 bytes are refused with 413.
         */
        post: operations["createOrder"];
        delete?: never;
        /**
         * CORS preflight, answered by API Gateway itself
         * @description A mock integration names the methods and headers (x-api-key among them) a browser may send; it needs no API key.
         */
        options: operations["preflightOrders"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/order/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        /**
         * Read an order and its fulfillment status
         * @description The order as stored, with its status, fulfillment attempts, the last error and, once FAILED, the reason.
         */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        /**
         * CORS preflight, answered by API Gateway itself
         * @description A mock integration names the methods and headers (x-api-key among them) a browser may send; it needs no API key.
         */
        options: operations["preflightOrder"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a customer's orders, or the orders in one status, newest first
         * @description Lists the orders of one customer (`customer_id`) or the orders in one status (`status`):
         *     exactly one of the two, both or neither is a 400. Each request is one DynamoDB `Query` on
         *     the `customer_id-created_at-index` or the `status-created_at-index` (never a scan),
         *     bounded by the creation-time range and the limit.
         *
         *     `created_after` (inclusive) and `created_before` (exclusive) bound the creation time
         *     (ISO 8601; a date alone means midnight UTC). `order` is `desc` (newest first, the
         *     default) or `asc`. A page holds at most `limit` orders (1 to 100, default 25).
         *
         *     `next_cursor` is absent on the last page. Otherwise pass it back as `cursor`, with the same
         *     `customer_id` or `status`, range and `order`, to get the next page. A cursor is opaque and
         *     signed: one that was altered, that belongs to another query, or that is older than
         *     24 hours is a 400 `INVALID_CURSOR` (start again from the first page).
         *
         *     The indexes are eventually consistent: an order accepted a moment ago, or whose status
         *     just changed, may be missing from a list or still be listed under its former status.
         *     Fetch one order by id (`GET /order/{order_id}`) for its current state.
         *
         *     Like the other order routes it needs the client's API key (`x-api-key`).
         *
         *     API Gateway checks only that required parameters are present and none of these is
         *     required on its own, so the handler validates them, answering with the same error body.
         */
        get: operations["listOrders"];
        put?: never;
        post?: never;
        delete?: never;
        /**
         * CORS preflight, answered by API Gateway itself
         * @description A mock integration names the methods and headers (x-api-key among them) a browser may send; it needs no API key.
         */
        options: operations["preflightOrderList"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness of the API
         * @description Open to anyone (monitors, load balancers); answers `{"status":"ok"}` and reveals nothing else.
         */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        /**
         * CORS preflight, answered by API Gateway itself
         * @description A mock integration names the methods and headers (x-api-key among them) a browser may send; it needs no API key.
         */
        options: operations["preflightHealth"];
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A lowercase UUID. */
        OrderId: string;
        Identifier: string;
        /** @description ISO 4217 code; `USD` when omitted. */
        CurrencyCode: string;
        /** @enum {string} */
        OrderStatus: "PENDING" | "FULFILLED" | "FAILED";
        OrderLine: {
            product_id: components["schemas"]["Identifier"];
            /** @description 1 to 1000 (a business rule, answered with 422). */
            quantity: number;
            /** @description Unit price, greater than 0 and at most 1,000,000, with at most two decimals (business rules, answered with 422). */
            price: number;
        };
        CreateOrderRequest: {
            customer_id: components["schemas"]["Identifier"];
            /** @description 1 to 100 lines, each product at most once (business rules, answered with 422). */
            items: components["schemas"]["OrderLine"][];
            /** @description Must equal the sum of quantity x price, to the cent (a business rule, answered with 422). */
            total_amount: number;
            currency?: components["schemas"]["CurrencyCode"];
        };
        AttemptError: {
            attempt: number;
            /** @description ISO 8601 timestamp. */
            at: string;
            message: string;
        };
        Order: {
            order_id: components["schemas"]["OrderId"];
            status: components["schemas"]["OrderStatus"];
            customer_id: components["schemas"]["Identifier"];
            items: components["schemas"]["OrderLine"][];
            total_amount: number;
            currency: components["schemas"]["CurrencyCode"];
            /** @description Fulfillment attempts made so far. */
            attempts: number;
            last_error?: components["schemas"]["AttemptError"];
            /** @description ISO 8601 timestamp. */
            created_at: string;
            /** @description ISO 8601 timestamp. */
            updated_at: string;
            /** @description ISO 8601 timestamp, when FULFILLED. */
            fulfilled_at?: string;
            /** @description ISO 8601 timestamp, when FAILED. */
            failed_at?: string;
            /** @description Why the order FAILED. */
            failure_reason?: string;
        };
        /** @description ISO 8601, with a time zone (`Z` or `+hh:mm`) when a time is given; a date alone is midnight UTC. */
        Timestamp: string;
        OrderPage: {
            items: components["schemas"]["Order"][];
            /** @description Present when more orders follow: pass it as `cursor` for the next page. Absent on the last page (not null: API Gateway's models are JSON Schema draft 4, which has no `nullable`). */
            next_cursor?: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        /** @enum {string} */
        ErrorCode: "BAD_REQUEST" | "MALFORMED_JSON" | "VALIDATION_FAILED" | "BUSINESS_RULE_VIOLATION" | "IDEMPOTENCY_CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "FORBIDDEN" | "NOT_FOUND" | "INVALID_CURSOR" | "THROTTLED" | "QUOTA_EXCEEDED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
        ErrorDetail: {
            /** @description The field concerned, e.g. `items[0].price`; empty for the whole body. */
            path: string;
            problem: string;
        };
        ErrorResponse: {
            error: {
                code: components["schemas"]["ErrorCode"];
                message: string;
                details: components["schemas"]["ErrorDetail"][];
                request_id: string;
            };
        };
    };
    responses: {
        /** @description The x-api-key header is missing, or the key is unknown or disabled. Nothing was done. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The client's usage plan refused the request (THROTTLED for its rate or burst, QUOTA_EXCEEDED for its daily quota). Nothing was done; retry after Retry-After seconds. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The request is malformed or does not match the schema. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The Idempotency-Key was used before with a different body. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The body is larger than 65,536 bytes. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The order is well formed but a business rule rejects it; `details` names each rule and its field. */
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description A malformed query (`VALIDATION_FAILED`, naming the parameter: neither or both of
         *     `customer_id` and `status`, a bad status, time, limit or order), or a cursor that was
         *     altered, belongs to another query or has expired (`INVALID_CURSOR`).
         */
        BadListRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The orders table did not answer; nothing changed. Retry the same request. */
        ListUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No order has this id. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description An unexpected error; the request id identifies it in the logs. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description A dependency failed; nothing was kept. Retry with the same Idempotency-Key. */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description Makes a POST safe to retry: 1 to 128 printable ASCII characters, chosen by the client
         *     (a UUID is a good choice). The order id is derived from it.
         */
        IdempotencyKey: string;
        /** @description Carried through every log line of every function that touches the order; generated when absent. */
        CorrelationId: string;
        OrderId: components["schemas"]["OrderId"];
        /** @description List this customer's orders. Exactly one of `customer_id` and `status`. */
        ListByCustomer: components["schemas"]["Identifier"];
        /** @description List the orders in this status. Exactly one of `customer_id` and `status`. */
        ListByStatus: components["schemas"]["OrderStatus"];
        /** @description Only orders created at or after this instant. */
        CreatedAfter: components["schemas"]["Timestamp"];
        /** @description Only orders created before this instant. */
        CreatedBefore: components["schemas"]["Timestamp"];
        /** @description The most orders a page holds. */
        PageLimit: number;
        /** @description `desc`: newest first (the default); `asc`: oldest first. */
        SortOrder: "desc" | "asc";
        /**
         * @description The `next_cursor` of the previous page of the same query. Opaque and signed; valid for
         *     24 hours after the page that gave it was served.
         */
        PageCursor: string;
    };
    requestBodies: never;
    headers: {
        /** @description The correlation id of this request, as sent or as generated. */
        CorrelationId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createOrder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a POST safe to retry: 1 to 128 printable ASCII characters, chosen by the client
                 *     (a UUID is a good choice). The order id is derived from it.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description Carried through every log line of every function that touches the order; generated when absent. */
                "X-Correlation-Id"?: components["parameters"]["CorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrderRequest"];
            };
        };
        responses: {
            /** @description The order was accepted and queued for fulfillment. */
            201: {
                headers: {
                    /** @description Where to read the order. */
                    Location?: string;
                    /** @description `true` when this answer replays an earlier request with the same Idempotency-Key. */
                    "Idempotent-Replayed"?: "true" | "false";
                    "X-Correlation-Id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    preflightOrders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The methods and headers a browser may use here. */
            204: {
                headers: {
                    "Access-Control-Allow-Origin"?: string;
                    "Access-Control-Allow-Methods"?: string;
                    "Access-Control-Allow-Headers"?: string;
                    "Access-Control-Max-Age"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Carried through every log line of every function that touches the order; generated when absent. */
                "X-Correlation-Id"?: components["parameters"]["CorrelationId"];
            };
            path: {
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    preflightOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: components["parameters"]["OrderId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The methods and headers a browser may use here. */
            204: {
                headers: {
                    "Access-Control-Allow-Origin"?: string;
                    "Access-Control-Allow-Methods"?: string;
                    "Access-Control-Allow-Headers"?: string;
                    "Access-Control-Max-Age"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    listOrders: {
        parameters: {
            query?: {
                /** @description List this customer's orders. Exactly one of `customer_id` and `status`. */
                customer_id?: components["parameters"]["ListByCustomer"];
                /** @description List the orders in this status. Exactly one of `customer_id` and `status`. */
                status?: components["parameters"]["ListByStatus"];
                /** @description Only orders created at or after this instant. */
                created_after?: components["parameters"]["CreatedAfter"];
                /** @description Only orders created before this instant. */
                created_before?: components["parameters"]["CreatedBefore"];
                /** @description The most orders a page holds. */
                limit?: components["parameters"]["PageLimit"];
                /** @description `desc`: newest first (the default); `asc`: oldest first. */
                order?: components["parameters"]["SortOrder"];
                /**
                 * @description The `next_cursor` of the previous page of the same query. Opaque and signed; valid for
                 *     24 hours after the page that gave it was served.
                 */
                cursor?: components["parameters"]["PageCursor"];
            };
            header?: {
                /** @description Carried through every log line of every function that touches the order; generated when absent. */
                "X-Correlation-Id"?: components["parameters"]["CorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of orders, in creation order (newest first unless `order=asc`). */
            200: {
                headers: {
                    "X-Correlation-Id": components["headers"]["CorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            400: components["responses"]["BadListRequest"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ListUnavailable"];
        };
    };
    preflightOrderList: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The methods and headers a browser may use here. */
            204: {
                headers: {
                    "Access-Control-Allow-Origin"?: string;
                    "Access-Control-Allow-Methods"?: string;
                    "Access-Control-Allow-Headers"?: string;
                    "Access-Control-Max-Age"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The API answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            500: components["responses"]["InternalError"];
        };
    };
    preflightHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The methods and headers a browser may use here. */
            204: {
                headers: {
                    "Access-Control-Allow-Origin"?: string;
                    "Access-Control-Allow-Methods"?: string;
                    "Access-Control-Allow-Headers"?: string;
                    "Access-Control-Max-Age"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
