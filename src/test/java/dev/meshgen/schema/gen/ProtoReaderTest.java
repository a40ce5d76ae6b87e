package dev.meshgen.schema.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proto reader and the JSON Schema mapping, on small inline protos. */
class ProtoReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String COMMON = """
      syntax = "proto3";
      package common.example.io;
      // a comment { with braces }
      message Ref { string name = 1; string cluster_name = 2; }
      """;

  private static final String ROUTES = """
      syntax = "proto3";
      /* block
         comment */
      package routes.example.io;
      import "github.com/example/common.proto";
      import "k8s.io/api/core/v1/generated.proto";
      import "google/protobuf/wrappers.proto";
      option go_package = "example.io/routes";
      option (ext.opt) = { a: 1 b: "}" };

      message RouteSpec {
        reserved 9, 10 to 12;
        reserved "old_name";
        repeated string hosts = 1;
        map<string, .common.example.io.Ref> refs_by_name = 2;
        map<int32, string> by_code = 12;
        Action action = 3;
        oneof target {
          common.example.io.Ref ref = 4;
          string host_name = 5 [deprecated = true];
        }
        google.protobuf.BoolValue enabled = 6;
        google.protobuf.UInt32Value port = 7;
        google.protobuf.Duration timeout = 8;
        k8s.io.api.core.v1.Volume volume = 13;
        string renamed = 14 [json_name = "customName", (ext.field).x = { y: 2 }];
        int64 big = 15;
        google.protobuf.Empty nothing = 16;
        RouteSpec child = 17;

        message Action {
          Kind kind = 1;
          enum Kind {
            option allow_alias = true;
            FORWARD = 0;
            REDIRECT = 1 [deprecated = true];
          }
        }
      }
      """;

  private static ProtoTypes types() {
    return new ProtoTypes(List.of(ProtoReader.read("common.proto", COMMON), ProtoReader.read("routes.proto", ROUTES)));
  }

  private static JsonNode defs() {
    return JsonSchemaGenerator.definitions(types(), "routes.example.io.RouteSpec").schema();
  }

  @Test
  void read_nestedMessagesEnumsAndOneOf_keepsDeclarationOrderAndNames() {
    Proto.File file = ProtoReader.read("routes.proto", ROUTES);
    assertEquals("routes.example.io", file.pkg());
    assertEquals(List.of("github.com/example/common.proto", "k8s.io/api/core/v1/generated.proto", "google/protobuf/wrappers.proto"),
        file.imports());
    Proto.Message spec = file.messages().get(0);
    assertEquals(List.of("hosts", "refsByName", "byCode", "action", "ref", "hostName", "enabled", "port", "timeout",
            "volume", "customName", "big", "nothing", "child"),
        spec.fields().stream().map(Proto.Field::jsonName).toList());
    assertEquals(List.of(List.of("ref", "hostName")),
        spec.oneofs().stream().map(g -> g.stream().map(Proto.Field::jsonName).toList()).toList());
    assertEquals("routes.example.io.RouteSpec.Action", spec.messages().get(0).fullName());
    assertEquals(new Proto.Enum("routes.example.io.RouteSpec.Action.Kind", List.of("FORWARD", "REDIRECT")),
        spec.messages().get(0).enums().get(0));
  }

  @Test
  void jsonName_isProtocLowerCamelCase() {
    assertEquals(List.of("virtualGateways", "k8s", "hpaSpec", "mgmtServerCa", "aB"),
        List.of("virtual_gateways", "k8s", "hpaSpec", "mgmt_server_ca", "a__b").stream().map(Proto::jsonName).toList());
  }

  @Test
  void generate_mapsRepeatedMapAndWrapperFields() throws Exception {
    JsonNode p = defs().path("routes.example.io.RouteSpec").path("properties");
    assertEquals(JSON.readTree("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"), p.get("hosts"));
    assertEquals(JSON.readTree("{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#/$defs/common.example.io.Ref\"}}"),
        p.get("refsByName"));
    assertEquals(JSON.readTree("{\"type\":\"object\",\"propertyNames\":{\"pattern\":\"^-?[0-9]+$\"},"
        + "\"additionalProperties\":{\"type\":\"string\"}}"), p.get("byCode"));
    assertEquals(JSON.readTree("{\"type\":\"boolean\"}"), p.get("enabled"));
    assertEquals(JSON.readTree("{\"type\":\"integer\",\"minimum\":0,\"maximum\":4294967295}"), p.get("port"));
    assertEquals(JSON.readTree("{\"type\":[\"integer\",\"string\"],\"pattern\":\"^-?[0-9]+$\"}"), p.get("big"));
    assertEquals(JSON.readTree("{\"type\":\"object\",\"additionalProperties\":false}"), p.get("nothing"));
    assertEquals("^-?[0-9]+(\\.[0-9]{1,9})?s$", p.path("timeout").path("pattern").asText());
    assertEquals(JSON.readTree("{\"$ref\":\"#/$defs/routes.example.io.RouteSpec\"}"), p.get("child"));
  }

  @Test
  void generate_resolvesNestedAndCrossPackageTypes_intoStrictDefs() {
    JsonNode defs = defs();
    assertEquals(List.of("common.example.io.Ref", "routes.example.io.RouteSpec", "routes.example.io.RouteSpec.Action",
            "routes.example.io.RouteSpec.Action.Kind"),
        fieldNames(defs));
    assertEquals(List.of("clusterName", "name"), fieldNames(defs.path("common.example.io.Ref").path("properties")).stream().sorted().toList());
    assertEquals(false, defs.path("common.example.io.Ref").path("additionalProperties").asBoolean(true));
    assertEquals("#/$defs/routes.example.io.RouteSpec.Action.Kind",
        defs.path("routes.example.io.RouteSpec.Action").path("properties").path("kind").path("$ref").asText());
    assertEquals("[\"FORWARD\",\"REDIRECT\"]", defs.path("routes.example.io.RouteSpec.Action.Kind").path("enum").toString());
  }

  @Test
  void generate_oneOf_allowsAtMostOneMember() {
    assertEquals("[{\"not\":{\"anyOf\":[{\"required\":[\"ref\"]},{\"required\":[\"hostName\"]}]}},"
            + "{\"required\":[\"ref\"]},{\"required\":[\"hostName\"]}]",
        defs().path("routes.example.io.RouteSpec").path("oneOf").toString());
  }

  @Test
  void generate_typeFromAnImportOutsideTheFolder_isOpenAndRecorded() {
    JsonSchemaGenerator.Result result = JsonSchemaGenerator.definitions(types(), "routes.example.io.RouteSpec");
    assertEquals(List.of(new JsonSchemaGenerator.OpenSpot("routes.example.io.RouteSpec.volume", "k8s.io.api.core.v1.Volume")),
        result.openSpots());
    JsonNode volume = result.schema().path("routes.example.io.RouteSpec").path("properties").path("volume");
    assertEquals("object", volume.path("type").asText());
    assertEquals(false, volume.has("additionalProperties"));
  }

  @Test
  void read_proto2_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProtoReader.read("old.proto", "syntax = \"proto2\";\n"));
    assertEquals("old.proto:1: only proto3 is supported, got proto2", e.getMessage());
  }

  @Test
  void read_missingSemicolon_namesFileAndLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProtoReader.read("bad.proto", "syntax = \"proto3\";\nmessage A {\n  string a = 1\n}\n"));
    assertEquals("bad.proto:4: expected ';', got '}'", e.getMessage());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
