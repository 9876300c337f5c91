import Foundation

/// Postman exports written for these tests in the shapes Postman 10 and 11 write: every body
/// mode, auth at three levels with inheritance and `noauth`, disabled rows, path variables,
/// scripts and GraphQL (v2.1); object-style auth and header strings (v2.0); an environment with
/// secrets. The secret values all contain `s3cr3t` so a test can look for any of them.
enum PostmanFixtures {
    static let collection21 = #"""
    {
      "info": {
        "_postman_id": "5d1b2c3a-0000-4000-8000-000000000001",
        "name": "Shop API",
        "description": "The shop's public API",
        "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        "_exporter_id": "123456"
      },
      "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "s3cr3t-collection-token", "type": "string"}]},
      "variable": [
        {"key": "baseUrl", "value": "https://shop.example.com", "type": "string"},
        {"id": "apiVersion", "value": "v2"},
        {"key": "adminPassword", "value": "s3cr3t-admin", "type": "string"},
        {"key": "old", "value": "x", "disabled": true},
        {"key": "page size", "value": 50}
      ],
      "event": [
        {"listen": "prerequest", "script": {"type": "text/javascript", "exec": ["console.log('collection')"]}},
        {"listen": "test", "script": {"type": "text/javascript", "exec": [""]}}
      ],
      "item": [
        {
          "name": "Users",
          "description": "User management",
          "auth": {"type": "basic", "basic": [{"key": "username", "value": "admin"}, {"key": "password", "value": "s3cr3t-pa55"}]},
          "item": [
            {
              "name": "Admin",
              "item": [
                {
                  "name": "Get user",
                  "event": [{"listen": "test", "script": {"exec": ["pm.test('ok', function () {", "  pm.response.to.have.status(200);", "});"], "type": "text/javascript"}}],
                  "request": {
                    "method": "GET",
                    "header": [{"key": "Accept", "value": "application/json"}, {"key": "X-Debug", "value": "1", "disabled": true}],
                    "url": {
                      "raw": "{{baseUrl}}/users/:id?expand=orders&debug=true&q=a%20b",
                      "host": ["{{baseUrl}}"],
                      "path": ["users", ":id"],
                      "query": [{"key": "expand", "value": "orders"}, {"key": "debug", "value": "true", "disabled": true}, {"key": "q", "value": "a%20b"}],
                      "variable": [{"key": "id", "value": "42", "description": "the user"}]
                    },
                    "description": "Fetch one user"
                  },
                  "response": [{"name": "ok", "code": 200, "body": "{\"token\": \"s3cr3t-in-example\"}"}]
                }
              ]
            },
            {
              "name": "Public profile",
              "request": {"auth": {"type": "noauth"}, "method": "GET", "url": "{{baseUrl}}/profiles/{{$randomUUID}}?ts={{$timestamp}}&per={{page size}}"}
            },
            {
              "name": "Create user",
              "request": {
                "method": "POST",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": {"mode": "raw", "raw": "{\"name\": \"{{$randomFirstName}}\", \"id\": \"{{$guid}}\", \"nick\": \"{{$randomFirstName}}\"}", "options": {"raw": {"language": "json"}}},
                "url": {"raw": "{{baseUrl}}/users/:org/members", "variable": [{"key": "org"}]}
              }
            }
          ]
        },
        {
          "name": "Login form",
          "request": {
            "method": "POST",
            "url": {"protocol": "https", "host": ["auth", "example", "com"], "port": "8443", "path": ["login"], "query": [{"key": "next", "value": "/home"}]},
            "body": {"mode": "urlencoded", "urlencoded": [
              {"key": "user", "value": "ann", "type": "text"},
              {"key": "password", "value": "s3cr3t-open-sesame", "type": "text"},
              {"key": "remember", "value": "1", "type": "text", "disabled": true}
            ]}
          }
        },
        {
          "name": "Upload",
          "request": {
            "method": "PUT",
            "url": "{{baseUrl}}/files",
            "body": {"mode": "formdata", "formdata": [
              {"key": "title", "value": "Report", "type": "text"},
              {"key": "doc", "type": "file", "src": "/home/ann/report.pdf", "contentType": "application/pdf"},
              {"key": "pics", "type": "file", "src": ["a.png", "b.png"]},
              {"key": "note", "value": "skip", "type": "text", "disabled": true}
            ]}
          }
        },
        {
          "name": "Raw file",
          "request": {
            "method": "POST",
            "header": [{"key": "Content-Type", "value": "application/octet-stream"}],
            "url": "{{baseUrl}}/blob",
            "body": {"mode": "file", "file": {"src": "data/blob.bin"}}
          }
        },
        {
          "name": "XML",
          "request": {"method": "POST", "url": "{{baseUrl}}/xml", "body": {"mode": "raw", "raw": "<a>1</a>", "options": {"raw": {"language": "xml"}}}}
        },
        {
          "name": "Search",
          "request": {
            "method": "POST",
            "url": "{{baseUrl}}/graphql",
            "body": {"mode": "graphql", "graphql": {"query": "query ($id: ID!) {\n  user(id: $id) { name }\n}", "variables": "{\n  \"id\": \"42\"\n}"}}
          }
        },
        {
          "name": "Key in header",
          "request": {
            "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-API-Key"}, {"key": "value", "value": "s3cr3t-k3y"}, {"key": "in", "value": "header"}]},
            "method": "DELETE",
            "header": [{"key": "Authorization", "value": "Bearer s3cr3t-header-token"}],
            "url": "{{baseUrl}}/items/1"
          }
        },
        {
          "name": "Key in query",
          "request": {
            "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "api_key"}, {"key": "value", "value": "{{apiKey}}"}, {"key": "in", "value": "query"}]},
            "method": "GET",
            "url": "{{baseUrl}}/items"
          }
        },
        {
          "name": "Token",
          "request": {
            "auth": {"type": "oauth2", "oauth2": [
              {"key": "grant_type", "value": "client_credentials"},
              {"key": "accessTokenUrl", "value": "https://auth.example.com/token"},
              {"key": "clientId", "value": "shop-client"},
              {"key": "clientSecret", "value": "s3cr3t-client"},
              {"key": "scope", "value": "read write"},
              {"key": "addTokenTo", "value": "header"}
            ]},
            "method": "GET",
            "url": "{{baseUrl}}/me"
          }
        },
        {
          "name": "Digest",
          "request": {
            "auth": {"type": "digest", "digest": [{"key": "username", "value": "dig"}, {"key": "password", "value": "s3cr3t-digest"}, {"key": "realm", "value": "shop"}]},
            "method": "GET",
            "url": "{{baseUrl}}/digest"
          }
        },
        {
          "name": "AWS",
          "protocolProfileBehavior": {"followRedirects": false, "disableBodyPruning": true, "disableCookies": true},
          "request": {
            "auth": {"type": "awsv4", "awsv4": [{"key": "accessKey", "value": "s3cr3t-AKIA"}, {"key": "secretKey", "value": "s3cr3t-aws"}, {"key": "region", "value": "eu-west-1"}]},
            "method": "PROPFIND",
            "url": "{{baseUrl}}/aws"
          }
        }
      ]
    }
    """#

    static let collection20 = #"""
    {
      "variables": [],
      "info": {
        "name": "Legacy",
        "_postman_id": "0f0f0f0f-0000-4000-8000-000000000002",
        "description": {"content": "Exported by Postman 5", "type": "text/markdown"},
        "schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"
      },
      "auth": {"type": "basic", "basic": {"username": "legacy", "password": "s3cr3t-legacy", "saveHelperData": true}},
      "item": [
        {
          "name": "Ping",
          "request": {
            "url": "https://legacy.example.com/ping",
            "method": "get",
            "header": "Accept: text/plain\nX-Token: s3cr3t-hdr\n",
            "auth": {"type": "bearer", "bearer": {"token": "{{legacyToken}}"}}
          }
        },
        {
          "name": "Hook",
          "request": {
            "url": {"protocol": "http", "host": "legacy.example.com", "path": "/hook"},
            "method": "POST",
            "auth": {"type": "apikey", "apikey": {"key": "X-Key", "value": "s3cr3t-v2-key", "in": "query"}},
            "body": {"mode": "raw", "raw": "ping"}
          }
        },
        {"name": "Bare", "request": "https://legacy.example.com/bare"}
      ]
    }
    """#

    static let environment = #"""
    {
      "id": "e1e1e1e1-0000-4000-8000-000000000003",
      "name": "Staging",
      "values": [
        {"key": "baseUrl", "value": "https://staging.example.com", "type": "default", "enabled": true},
        {"key": "apiKey", "value": "s3cr3t-staging", "type": "secret", "enabled": true},
        {"key": "emptySecret", "value": "", "type": "secret", "enabled": true},
        {"key": "legacy", "value": "1", "type": "default", "enabled": false},
        {"key": "authToken", "value": "s3cr3t-plain-token", "type": "default", "enabled": true},
        {"key": "tokenUrl", "value": "https://staging.example.com/token", "type": "default", "enabled": true},
        {"key": "page size", "value": "20", "type": "default", "enabled": true}
      ],
      "_postman_variable_scope": "environment",
      "_postman_exported_at": "2026-11-30T10:00:00.000Z",
      "_postman_exported_using": "Postman/11.20.0"
    }
    """#

    static let globals = #"""
    {"id": "g1", "name": "My Workspace Globals", "values": [{"key": "region", "value": "eu", "enabled": true}], "_postman_variable_scope": "globals"}
    """#
}
