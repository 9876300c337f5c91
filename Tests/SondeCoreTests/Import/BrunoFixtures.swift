/// A Bruno collection folder written for these tests in the shapes Bruno (1.x) saves: request
/// files with each body and auth kind, nested folders with `folder.bru`, `collection.bru`, and
/// environments with `vars:secret`.
enum BrunoFixtures {
    static let files: [String: String] = [
        "bruno.json": #"""
        {
          "version": "1",
          "name": "Pet Store",
          "type": "collection",
          "ignore": ["node_modules", ".git", "scratch"]
        }
        """#,
        "collection.bru": """
        headers {
          X-Client: sonde-tests
        }

        auth {
          mode: bearer
        }

        auth:bearer {
          token: {{token}}
        }

        vars:pre-request {
          apiVersion: v3
          ~legacy: yes
        }

        script:pre-request {
          bru.setVar("started", Date.now());
        }

        docs {
          The pet store, for tests.
        }
        """,
        "environments/local.bru": """
        vars {
          baseUrl: http://localhost:8080
          user: ada
          ~old: 1
        }
        vars:secret [
          token,
          password
        ]
        """,
        "environments/prod.bru": """
        vars {
          baseUrl: https://pets.example.com
          apiKey: prod-key-1234567
        }
        vars:secret [
          token
        ]
        """,
        "scratch/ignored.bru": "this is not even a bru file {",
        "pets/folder.bru": """
        meta {
          name: Pets
          seq: 1
        }

        headers {
          Accept: application/json
        }

        auth {
          mode: basic
        }

        auth:basic {
          username: {{user}}
          password: folder-s3cr3t-pw
        }
        """,
        "pets/List pets.bru": """
        meta {
          name: List pets
          type: http
          seq: 1
        }

        get {
          url: {{baseUrl}}/pets?limit=10&tag=cute
          body: none
          auth: inherit
        }

        params:query {
          limit: 10
          ~tag: cute
        }

        headers {
          ~X-Debug: 1
        }

        tests {
          test("ok", function() {
            expect(res.getStatus()).to.equal(200);
          });
        }
        """,
        "pets/Create pet.bru": """
        meta {
          name: Create pet
          type: http
          seq: 2
        }

        post {
          url: {{baseUrl}}/pets
          body: json
          auth: inherit
        }

        body:json {
          {
            "id": "{{$guid}}",
            "name": "Rex",
            "tags": ["good"]
          }
        }

        vars:pre-request {
          name: Rex
        }

        script:post-response {
          bru.setVar("petId", res.body.id);
        }
        """,
        "pets/photos/folder.bru": """
        meta {
          name: Photos
        }
        """,
        "pets/photos/Upload photo.bru": """
        meta {
          name: Upload photo
          type: http
          seq: 1
        }

        post {
          url: {{baseUrl}}/pets/:petId/photos
          body: multipart-form
          auth: apikey
        }

        params:path {
          petId: 42
        }

        body:multipart-form {
          caption: A good dog
          photo: @file(photos/rex.png)
          ~thumb: @file(photos/small.png) @contentType(image/png)
        }

        auth:apikey {
          key: X-Api-Key
          value: upload-key-98765
          placement: header
        }
        """,
        "Login.bru": """
        meta {
          name: Login
          type: http
          seq: 1
        }

        post {
          url: {{baseUrl}}/login
          body: form-urlencoded
          auth: none
        }

        body:form-urlencoded {
          user: {{user}}
          password: login-s3cr3t-pw
          ~remember: 1
        }
        """,
        "Note.bru": """
        meta {
          name: Note
          type: http
          seq: 2
        }

        put {
          url: {{baseUrl}}/notes/1
          body: text
          auth: digest
        }

        headers {
          Authorization: Token abc-s3cr3t-123
        }

        body:text {
          Line one
          Line two
        }

        auth:digest {
          username: ada
          password: digest-s3cr3t-1
        }

        docs {
          Writes a note.
        }
        """,
        "Feed.bru": """
        meta {
          name: Feed
          type: http
          seq: 3
        }

        get {
          url: {{baseUrl}}/feed.xml
          body: xml
          auth: oauth2
        }

        body:xml {
          <feed/>
        }

        auth:oauth2 {
          grant_type: client_credentials
          access_token_url: https://auth.example.com/token
          client_id: pets
          client_secret: client-s3cr3t-9
          scope: read
        }
        """,
        "Search.bru": """
        meta {
          name: Search
          type: graphql
          seq: 4
        }

        post {
          url: {{baseUrl}}/graphql
          body: graphql
          auth: ntlm
        }

        headers {
          X-Description: '''
            first line
            second line
          '''
        }

        body:graphql {
          query Pets($tag: String) {
            pets(tag: $tag) { id }
          }
        }

        body:graphql:vars {
          {
            "tag": "cute"
          }
        }

        auth:ntlm {
          username: ada
          password: ntlm-s3cr3t-12
          domain: CORP
        }

        settings {
          encodeUrl: true
        }
        """,
        "Env.bru": """
        meta {
          name: From the environment
          seq: 5
        }

        get {
          url: {{baseUrl}}/home?u={{process.env.USER_ID}}
          auth: basic
        }

        auth:basic {
          username: ada
          password: {{process.env.ADA_PASSWORD}}
        }
        """,
    ]
}
