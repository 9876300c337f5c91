/// OpenAPI documents written for these tests, in the shapes real APIs publish.
enum OpenAPIFixtures {
    /// A petstore-like 3.0 YAML: tags, shared and overridden parameters, every parameter
    /// location, nullable, `$ref`s to every kind of component, a callback, links, x- keys,
    /// a deprecated operation, form and multipart bodies, root and operation security.
    static let petstore30 = """
        openapi: 3.0.3
        info:
          title: Pet Store
          description: Pets, for sale.
          version: 1.2.0
        servers:
          - url: https://{region}.petstore.example.com/v1
            description: Production
            variables:
              region:
                default: eu
                enum: [eu, us]
          - url: /v1
            description: Relative
        tags:
          - name: pets
            description: Everything about pets
          - name: store
        security:
          - bearerAuth: []
        x-audience: public
        paths:
          /pets:
            parameters:
              - $ref: '#/components/parameters/Limit'
              - name: X-Trace
                in: header
                schema: {type: string, default: off}
            get:
              tags: [pets]
              summary: List pets
              operationId: listPets
              parameters:
                - name: limit
                  in: query
                  required: true
                  schema: {type: integer, default: 20}
                - name: status
                  in: query
                  schema:
                    type: string
                    enum: [available, sold]
                - name: session
                  in: cookie
                  required: true
                  schema: {type: string}
                  example: abc
              responses:
                '200':
                  description: A page of pets
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: '#/components/schemas/Pet'}
            post:
              tags: [pets]
              summary: Create a pet
              requestBody:
                $ref: '#/components/requestBodies/NewPet'
              callbacks:
                adopted:
                  '{$request.body#/callbackUrl}':
                    post:
                      responses:
                        '200': {description: ok}
              responses:
                '201':
                  description: Created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
                  links:
                    GetPet:
                      operationId: getPet
          /pets/{petId}:
            get:
              tags: [pets]
              operationId: getPet
              x-rate-limit: 10
              parameters:
                - name: petId
                  in: path
                  required: true
                  schema: {type: integer, example: 7}
              security: []
              responses:
                '200':
                  description: A pet
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
                '404':
                  description: Not found
            delete:
              tags: [pets]
              summary: Delete a pet
              deprecated: true
              parameters:
                - name: petId
                  in: path
                  required: true
                  schema: {type: integer}
              security:
                - apiKey: []
              responses:
                '204': {description: Deleted}
          /pets/{petId}/photo:
            post:
              tags: [pets]
              summary: Upload a photo
              parameters:
                - {name: petId, in: path, required: true, schema: {type: integer}}
              requestBody:
                content:
                  multipart/form-data:
                    schema:
                      type: object
                      properties:
                        caption: {type: string, example: Rex at the beach}
                        file: {type: string, format: binary}
              responses:
                '200': {description: ok}
          /store/order:
            post:
              tags: [store]
              summary: Place an order
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema:
                      type: object
                      properties:
                        petId: {type: integer, example: 7}
                        quantity: {type: integer, default: 1}
              responses:
                '200': {description: ok}
          /health:
            get:
              summary: Health
              security:
                - oauth: [read]
              responses:
                '200':
                  description: ok
                  content:
                    text/plain:
                      schema: {type: string}
        components:
          parameters:
            Limit:
              name: limit
              in: query
              schema: {type: integer, default: 10}
          requestBodies:
            NewPet:
              required: true
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/NewPet'}
          schemas:
            NewPet:
              type: object
              required: [name]
              properties:
                name: {type: string, example: Rex}
                tag: {type: string, nullable: true}
            Pet:
              allOf:
                - $ref: '#/components/schemas/NewPet'
                - type: object
                  required: [id]
                  properties:
                    id: {type: integer, format: int64}
                    owner:
                      nullable: true
                      allOf:
                        - $ref: '#/components/schemas/Owner'
            Owner:
              type: object
              properties:
                name: {type: string}
                age: {type: integer, minimum: 0, exclusiveMinimum: true}
          securitySchemes:
            bearerAuth: {type: http, scheme: bearer, bearerFormat: JWT}
            apiKey: {type: apiKey, in: header, name: X-API-Key}
            oauth:
              type: oauth2
              flows:
                clientCredentials:
                  tokenUrl: https://auth.petstore.example.com/token
                  scopes: {read: read pets, write: write pets}
        """

    /// A 3.1 JSON document: recursive `$ref`s, type unions, oneOf, templated servers, every
    /// security scheme kind and operation security overriding the root.
    static let tree31 = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Org Tree", "version": "2"},
          "servers": [
            {"url": "https://{tenant}.tree.example.com:{port}", "variables": {"tenant": {"default": "acme"}, "port": {"enum": ["443", "8443"], "default": "443"}}},
            {"url": "http://localhost:8080", "description": "Local"}
          ],
          "security": [{"basic": []}],
          "webhooks": {"nodeChanged": {"post": {"responses": {"200": {"description": "ok"}}}}},
          "paths": {
            "/nodes/{id}": {
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "example": "root"}],
              "get": {
                "summary": "Get a node",
                "security": [{"cookieKey": []}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}}
              },
              "put": {
                "summary": "Replace a node",
                "security": [{"queryKey": []}],
                "requestBody": {"content": {"application/json": {"examples": {"small": {"value": {"name": "a", "children": []}}}, "schema": {"$ref": "#/components/schemas/Node"}}}},
                "responses": {"200": {"description": "ok"}}
              },
              "patch": {
                "summary": "Patch a node",
                "security": [{"digest": []}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Shape"}}}},
                "responses": {"2XX": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Shape"}}}}}
              }
            },
            "/login": {
              "post": {
                "summary": "Log in",
                "security": [{"code": []}],
                "responses": {"200": {"description": "ok"}}
              }
            },
            "/me": {
              "get": {
                "summary": "Who am I",
                "security": [{"oidc": []}],
                "responses": {"200": {"description": "ok"}}
              }
            }
          },
          "components": {
            "schemas": {
              "Node": {
                "type": "object",
                "required": ["name"],
                "properties": {
                  "name": {"type": "string"},
                  "parent": {"type": ["string", "null"]},
                  "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
                }
              },
              "Shape": {
                "oneOf": [
                  {"type": "object", "properties": {"kind": {"const": "circle"}, "r": {"type": "number"}}, "required": ["kind", "r"]},
                  {"type": "object", "properties": {"kind": {"const": "square"}, "side": {"type": "number"}}, "required": ["kind", "side"]}
                ]
              }
            },
            "securitySchemes": {
              "basic": {"type": "http", "scheme": "basic"},
              "digest": {"type": "http", "scheme": "digest"},
              "cookieKey": {"type": "apiKey", "in": "cookie", "name": "sid"},
              "queryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
              "code": {"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a.example.com/auth", "tokenUrl": "https://a.example.com/token", "scopes": {}}}},
              "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://a.example.com/.well-known/openid-configuration"}
            }
          }
        }
        """#
}
