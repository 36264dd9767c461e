package dev.portafunc.search.vertex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What a Google Cloud API's error envelope says, as far as a caller may be told: its canonical {@code status} (such
 * as {@code PERMISSION_DENIED}) and the reason codes of its {@code google.rpc.ErrorInfo} details and legacy
 * {@code errors[]}. Its message is kept for matching only, never to be shown.
 */
record GoogleApiError(String status, List<String> reasons, String message) {

    /** Reason codes are identifiers: anything else is not put in a message. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    static GoogleApiError of(JsonNode json) {
        JsonNode error = json.path("error");
        List<String> reasons = new ArrayList<>();
        for (JsonNode detail : error.path("details").values()) {
            if (text(detail.path("@type")).endsWith("google.rpc.ErrorInfo")) {
                addCode(reasons, text(detail.path("reason")));
            }
        }
        for (JsonNode legacy : error.path("errors").values()) {
            addCode(reasons, text(legacy.path("reason")));
        }
        String status = text(error.path("status"));
        return new GoogleApiError(
                CODE.matcher(status).matches() ? status : "", List.copyOf(reasons), text(error.path("message")));
    }

    private static void addCode(List<String> codes, String code) {
        if (CODE.matcher(code).matches() && !codes.contains(code)) {
            codes.add(code);
        }
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : "";
    }

    /** The status and reasons as a caller may see them, such as {@code (PERMISSION_DENIED, IAM_PERMISSION_DENIED)}. */
    String codes() {
        List<String> codes = new ArrayList<>();
        if (!status.isEmpty()) {
            codes.add(status);
        }
        codes.addAll(reasons);
        return codes.isEmpty() ? "" : " (" + String.join(", ", codes) + ")";
    }
}
