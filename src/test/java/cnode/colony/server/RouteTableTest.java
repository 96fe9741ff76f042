package cnode.colony.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cnode.colony.client.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The route table: matching, path parameters, precedence, and the routes it refuses. */
class RouteTableTest {
    /** An endpoint that answers its own name, to tell routes apart. */
    record Named(String name) implements Endpoint<NoBody, String> {
        @Override
        public Class<NoBody> requestType() {
            return NoBody.class;
        }

        @Override
        public CompletionStage<Outcome<String>> handle(NoBody request, Call call) {
            return Endpoint.reply(name);
        }
    }

    record Body(String x) {}

    record Posted() implements Endpoint<Body, String> {
        @Override
        public Class<Body> requestType() {
            return Body.class;
        }

        @Override
        public CompletionStage<Outcome<String>> handle(Body request, Call call) {
            return Endpoint.reply(request.x());
        }
    }

    private static final RouteTable TABLE = new RouteTable(List.of(
        Route.get("/v1/users/{user}", Access.PUBLIC, new Named("user")),
        Route.get("/v1/users/me", Access.PUBLIC, new Named("me")),
        Route.get("/v1/users/{user}/coins/{coin}", Access.ADMIN, new Named("coin")),
        Route.post("/v1/users/{user}/coins/{coin}", Access.PUBLIC, new Posted()),
        Route.get("/", Access.PUBLIC, new Named("root"))));

    private static String found(String method, String path) {
        RouteTable.Match match = TABLE.match(method, path);
        assertThat(match).as(method + " " + path).isInstanceOf(RouteTable.Found.class);
        Endpoint<?, ?> endpoint = ((RouteTable.Found) match).route().endpoint();
        return endpoint instanceof Named named ? named.name() : "posted";
    }

    @Test
    void literalSegmentsBeatParametersWhateverTheOrder() {
        assertThat(found("GET", "/v1/users/me")).isEqualTo("me");
        assertThat(found("GET", "/v1/users/alice")).isEqualTo("user");
        assertThat(found("GET", "/")).isEqualTo("root");
        assertThat(found("POST", "/v1/users/a/coins/b")).isEqualTo("posted");
    }

    @Test
    void pathParametersAreNamedValues() {
        RouteTable.Found found = (RouteTable.Found) TABLE.match("GET", "/v1/users/bob/coins/C1");
        assertThat(found.pathParams()).isEqualTo(Map.of("user", "bob", "coin", "C1"));
        assertThat(found.route().access()).isEqualTo(Access.ADMIN);
        Call call = new Call("GET", "/v1/users/bob/coins/C1", found.pathParams(), Map.of());
        assertThat(call.pathParam("coin")).isEqualTo("C1");
        assertThatThrownBy(() -> call.pathParam("nope")).isInstanceOf(
            IllegalArgumentException.class);
    }

    @Test
    void missingAndWrongMethodAreTold() {
        for (String path : List.of("/v1/users", "/v1/users/", "/v1/users/a/coins",
            "/v1/users//coins/b", "/v2", "", "no-slash")) {
            assertThat(TABLE.match("GET", path)).as(path).isInstanceOf(RouteTable.Missing.class);
        }
        assertThat(TABLE.match("DELETE", "/v1/users/a/coins/b"))
            .isEqualTo(new RouteTable.WrongMethod(Set.of("GET", "POST")));
        assertThat(TABLE.match("POST", "/v1/users/me"))
            .isEqualTo(new RouteTable.WrongMethod(Set.of("GET")));
    }

    @Test
    void badRoutesAreRefusedAtConstruction() {
        Named named = new Named("x");
        assertThatThrownBy(() -> new RouteTable(List.of(
            Route.get("/v1/{a}", Access.PUBLIC, named), Route.get("/v1/{b}", Access.PUBLIC,
                named)))).hasMessageContaining("two routes");
        for (String pattern : List.of("v1", "/v1/", "/v1//x", "/v1/{A}", "/v1/{a}/{a}",
            "/v1/a b", "/v1/{}")) {
            assertThatThrownBy(() -> Route.get(pattern, Access.PUBLIC, named)).as(pattern)
                .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Route("GET", "/x", Access.PUBLIC, new Posted()))
            .hasMessageContaining("cannot take a body");
        assertThatThrownBy(() -> new Route("PATCH", "/x", Access.PUBLIC, named))
            .hasMessageContaining("method");
    }
}
