/*
 * A stand-in for `claude` for the orchestration benchmark: it speaks the same stream-json protocol as the
 * fault-injection CLI (tests/fault-cli) answering at once, i.e. for every user line an init, one text delta, the
 * assistant message and the result; every control request gets a success. A Node process per session would take
 * ~40 MB; this one takes a few hundred KB, so a thousand sessions fit on one machine. Built by the benchmark with
 * the machine's C compiler; it needs nothing else.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Copies the string value that follows `key` (ids never hold escapes) into `out`. */
static void copy_value(const char *line, const char *key, char *out, size_t size)
{
    const char *start = strstr(line, key);
    size_t n = 0;
    if (start != NULL) {
        start += strlen(key);
        while (start[n] != '\0' && start[n] != '"' && n + 1 < size) {
            out[n] = start[n];
            n++;
        }
    }
    out[n] = '\0';
}

int main(int argc, char **argv)
{
    char session[160];
    snprintf(session, sizeof session, "instant-%ld", (long)getpid());
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--resume=", 9) == 0) {
            snprintf(session, sizeof session, "%s", argv[i] + 9); /* a resumed conversation keeps its id */
        }
    }

    char *line = NULL;
    size_t capacity = 0;
    while (getline(&line, &capacity, stdin) > 0) {
        if (strstr(line, "\"type\":\"control_request\"") != NULL) {
            char id[256];
            copy_value(line, "\"request_id\":\"", id, sizeof id);
            printf("{\"type\":\"control_response\",\"response\":{\"subtype\":\"success\",\"request_id\":\"%s\",\"response\":{}}}\n", id);
        } else if (strstr(line, "\"type\":\"user\"") != NULL) {
            printf("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"%s\",\"model\":\"instant\",\"cwd\":\"/\",\"tools\":[],\"claude_code_version\":\"instant-responder\"}\n", session);
            printf("{\"type\":\"stream_event\",\"event\":{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}},\"session_id\":\"%s\",\"parent_tool_use_id\":null}\n", session);
            printf("{\"type\":\"assistant\",\"message\":{\"id\":\"msg_instant\",\"role\":\"assistant\",\"model\":\"instant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]},\"session_id\":\"%s\",\"parent_tool_use_id\":null}\n", session);
            printf("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"ok\",\"session_id\":\"%s\",\"num_turns\":1,\"duration_ms\":0,\"duration_api_ms\":0,\"total_cost_usd\":0,\"usage\":{\"input_tokens\":1,\"output_tokens\":1},\"permission_denials\":[]}\n", session);
        }
        fflush(stdout);
    }
    return 0;
}
