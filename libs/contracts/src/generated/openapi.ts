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
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        /** @enum {string} */
        ErrorCode: "BAD_REQUEST" | "MALFORMED_JSON" | "VALIDATION_FAILED" | "BUSINESS_RULE_VIOLATION" | "IDEMPOTENCY_CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "FORBIDDEN" | "NOT_FOUND" | "THROTTLED" | "QUOTA_EXCEEDED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE";
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
