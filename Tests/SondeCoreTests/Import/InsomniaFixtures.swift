/// Insomnia exports written for these tests in the shapes Insomnia writes: a v4 JSON export
/// (2023.x desktop), a v4 YAML export, and a v5 YAML collection (Insomnia 10+).
enum InsomniaFixtures {
    static let v4JSON = #"""
    {
      "_type": "export",
      "__export_format": 4,
      "__export_date": "2026-11-30T10:00:00.000Z",
      "__export_source": "insomnia.desktop.app:v2023.5.8",
      "resources": [
        {"_id": "req_report", "parentId": "wrk_shop", "modified": 1700000000000, "created": 1700000000000,
         "url": "{{ _.baseUrl }}/report?at={% now 'iso-8601' %}&id={% uuid 'v4' %}", "name": "Report", "description": "",
         "method": "GET", "body": {}, "parameters": [],
         "headers": [{"name": "X-Token", "value": "{% response 'body', 'req_login', 'b64::JC50b2tlbg==::46b', 'never', 60 %}"}],
         "authentication": {}, "metaSortKey": 90, "isPrivate": false, "settingStoreCookies": true, "settingSendCookies": false,
         "settingDisableRenderRequestBody": false, "settingEncodeUrl": true, "settingRebuildPath": true,
         "settingFollowRedirects": "global", "_type": "request"},
        {"_id": "wrk_shop", "parentId": null, "modified": 1700000000000, "created": 1700000000000, "name": "Shop API",
         "description": "The shop's public API", "scope": "collection", "_type": "workspace"},
        {"_id": "env_base", "parentId": "wrk_shop", "name": "Base Environment",
         "data": {"baseUrl": "https://shop.example.com", "api": {"version": "v2"}, "pageSize": 50},
         "dataPropertyOrder": {"&": ["baseUrl", "api", "pageSize"]}, "color": null, "isPrivate": false, "metaSortKey": 1700000000000,
         "_type": "environment"},
        {"_id": "env_dev", "parentId": "env_base", "name": "Development",
         "data": {"baseUrl": "http://localhost:8080", "apiKey": "dev-key-123456"}, "isPrivate": false, "metaSortKey": 1, "_type": "environment"},
        {"_id": "env_mine", "parentId": "env_base", "name": "Mine", "data": {"token": "s3cr3t-private-token"},
         "isPrivate": true, "metaSortKey": 2, "_type": "environment"},
        {"_id": "jar_shop", "parentId": "wrk_shop", "name": "Default Jar",
         "cookies": [{"key": "sid", "value": "cookie-s3cr3t", "domain": "shop.example.com", "path": "/"}], "_type": "cookie_jar"},
        {"_id": "fld_users", "parentId": "wrk_shop", "name": "Users", "description": "User management",
         "environment": {"userId": "42"}, "environmentPropertyOrder": null,
         "headers": [{"name": "X-Team", "value": "core"}],
         "authentication": {"type": "basic", "username": "admin", "password": "s3cr3t-admin-pw"},
         "metaSortKey": -100, "_type": "request_group"},
        {"_id": "fld_admin", "parentId": "fld_users", "name": "Admin", "description": "", "environment": {},
         "metaSortKey": -50, "_type": "request_group"},
        {"_id": "req_get", "parentId": "fld_admin", "name": "Get user", "description": "Fetch one user",
         "url": "{{ _.baseUrl }}/users/{{ _.userId }}?expand=orders", "method": "GET", "body": {},
         "parameters": [{"id": "pair_1", "name": "q", "value": "a b"}, {"id": "pair_2", "name": "debug", "value": "true", "disabled": true}],
         "headers": [{"name": "Accept", "value": "application/json"}, {"name": "X-Debug", "value": "1", "disabled": true}],
         "authentication": {}, "metaSortKey": -10, "settingFollowRedirects": "off", "_type": "request"},
        {"_id": "req_create", "parentId": "fld_users", "name": "Create user", "description": "",
         "url": "{{ _.baseUrl }}/users", "method": "POST",
         "body": {"mimeType": "application/json", "text": "{\n  \"id\": \"{% uuid 'v4' %}\",\n  \"name\": \"Ada\"\n}"},
         "parameters": [], "headers": [{"name": "Content-Type", "value": "application/json"}],
         "authentication": {"type": "bearer", "token": "{{ _.token }}", "prefix": ""}, "metaSortKey": 1,
         "preRequestScript": "insomnia.environment.set('x', 1);", "_type": "request"},
        {"_id": "req_login", "parentId": "wrk_shop", "name": "Login form", "url": "{{ _.baseUrl }}/login", "method": "POST",
         "body": {"mimeType": "application/x-www-form-urlencoded", "params": [
           {"name": "user", "value": "ada"}, {"name": "password", "value": "s3cr3t-login-pw"},
           {"name": "remember", "value": "1", "disabled": true}]},
         "parameters": [], "headers": [{"name": "Content-Type", "value": "application/x-www-form-urlencoded"}],
         "authentication": {"type": "none"}, "metaSortKey": 10, "_type": "request"},
        {"_id": "req_upload", "parentId": "wrk_shop", "name": "Upload", "url": "{{ _.baseUrl }}/photos", "method": "POST",
         "body": {"mimeType": "multipart/form-data", "params": [
           {"name": "title", "value": "Cat"}, {"name": "photo", "type": "file", "fileName": "/home/ada/cat.png"},
           {"name": "old", "value": "x", "disabled": true}]},
         "headers": [], "authentication": {"type": "apikey", "key": "X-API-Key", "value": "k-1234567890", "addTo": "header"},
         "metaSortKey": 20, "_type": "request"},
        {"_id": "req_binary", "parentId": "wrk_shop", "name": "Raw file", "url": "{{ _.baseUrl }}/blobs", "method": "PUT",
         "body": {"mimeType": "application/octet-stream", "fileName": "/tmp/blob.bin"}, "headers": [],
         "authentication": {"type": "apikey", "key": "api_key", "value": "{{ _.apiKey }}", "addTo": "queryParams"},
         "metaSortKey": 30, "_type": "request"},
        {"_id": "req_graphql", "parentId": "wrk_shop", "name": "Me", "url": "{{ _.baseUrl }}/graphql", "method": "POST",
         "body": {"mimeType": "application/graphql", "text": "{\"query\":\"query { me { id } }\",\"variables\":{}}"},
         "headers": [{"name": "Content-Type", "value": "application/json"}],
         "authentication": {"type": "bearer", "token": "tok-abcdef123456", "prefix": "Token"}, "metaSortKey": 40, "_type": "request"},
        {"_id": "req_xml", "parentId": "wrk_shop", "name": "XML", "url": "{{ _.baseUrl }}/xml", "method": "POST",
         "body": {"mimeType": "application/xml", "text": "<a>1</a>"}, "headers": [],
         "authentication": {"type": "apikey", "key": "session", "value": "cookie-val-123456", "addTo": "cookie"},
         "metaSortKey": 50, "_type": "request"},
        {"_id": "req_digest", "parentId": "wrk_shop", "name": "Digest", "url": "{{ _.baseUrl }}/digest", "method": "GET",
         "body": {}, "authentication": {"type": "digest", "username": "ada", "password": "digest-pw-1"}, "metaSortKey": 60, "_type": "request"},
        {"_id": "req_ntlm", "parentId": "wrk_shop", "name": "NTLM", "url": "{{ _.baseUrl }}/ntlm", "method": "GET",
         "body": {}, "authentication": {"type": "ntlm", "username": "ada", "password": "ntlm-pw-12", "domain": "CORP"},
         "metaSortKey": 70, "_type": "request"},
        {"_id": "req_oauth", "parentId": "wrk_shop", "name": "Token", "url": "{{ _.baseUrl }}/orders", "method": "GET", "body": {},
         "authentication": {"type": "oauth2", "grantType": "client_credentials", "accessTokenUrl": "https://auth.example.com/token",
                            "clientId": "shop", "clientSecret": "cs-123456789", "scope": "read", "credentialsInBody": false},
         "metaSortKey": 80, "_type": "request"},
        {"_id": "req_off", "parentId": "wrk_shop", "name": "Auth off", "url": "{{ _.baseUrl }}/off", "method": "GET", "body": {},
         "authentication": {"type": "basic", "username": "x", "password": "disabled-pw-1", "disabled": true},
         "metaSortKey": 85, "_type": "request"},
        {"_id": "greq_1", "parentId": "wrk_shop", "name": "Stream", "protoFileId": "pf_1", "_type": "grpc_request", "metaSortKey": 95}
      ]
    }
    """#

    static let v4YAML = """
    _type: export
    __export_format: 4
    __export_date: 2026-11-30T10:00:00.000Z
    __export_source: insomnia.desktop.app:v2023.5.8
    resources:
      - _id: req_list
        parentId: fld_orders
        modified: 1700000000000
        created: 1700000000000
        url: "{{ _.base_url }}/orders"
        name: List orders
        description: ""
        method: GET
        body: {}
        parameters:
          - name: status
            value: open
          - name: page
            value: "2"
            disabled: true
        headers:
          - name: Accept
            value: application/json
        authentication: {}
        metaSortKey: -1700000000000
        settingFollowRedirects: "on"
        _type: request
      - _id: wrk_orders
        parentId: null
        name: Orders
        description: ""
        scope: collection
        _type: workspace
      - _id: fld_orders
        parentId: wrk_orders
        name: Orders
        description: The orders
        environment: {}
        headers:
          - name: X-Client
            value: sonde-tests
        authentication:
          type: bearer
          token: "{{ _.token }}"
        metaSortKey: -1
        _type: request_group
      - _id: req_note
        parentId: fld_orders
        url: "{{ _.base_url }}/orders/1/note"
        name: Add note
        method: PUT
        body:
          mimeType: text/plain
          text: |-
            Leave at the door
            Thanks
        headers: []
        authentication:
          type: none
        metaSortKey: 1
        afterResponseScript: |-
          insomnia.test('ok', () => insomnia.expect(insomnia.response.code).to.equal(200));
        _type: request
      - _id: env_orders
        parentId: wrk_orders
        name: Base Environment
        data:
          base_url: https://orders.example.com
          token: yaml-token-123456
        _type: environment
    """

    static let v5YAML = """
    type: collection.insomnia.rest/5.0
    name: Notes API
    meta:
      id: wrk_notes
      created: 1730000000000
      modified: 1730000000000
    collection:
      - name: Notes
        meta:
          id: fld_notes
          created: 1730000000000
          modified: 1730000000000
          sortKey: -1
          description: Everything about notes
        children:
          - name: Drafts
            meta:
              id: fld_drafts
              sortKey: -1
            children:
              - url: "{{ _.host }}/notes/drafts"
                name: List drafts
                meta:
                  id: req_drafts
                  sortKey: -1
                method: GET
                parameters:
                  - name: limit
                    value: "10"
                  - name: offset
                    value: "0"
                    disabled: true
                headers:
                  - name: Accept
                    value: application/json
                settings:
                  renderRequestBody: true
                  encodeUrl: true
                  followRedirects: "off"
                  cookies:
                    send: true
                    store: true
                  rebuildPath: true
          - url: "{{ _.host }}/notes"
            name: Create note
            meta:
              id: req_create_note
              sortKey: 1
            method: POST
            body:
              mimeType: application/json
              text: |-
                {"title": "{{ _.title }}", "at": "{% now 'unix' %}"}
            headers:
              - name: Content-Type
                value: application/json
            authentication:
              type: basic
              username: ada
              password: v5-s3cr3t-pw
            scripts:
              preRequest: insomnia.environment.set('title', 'Hello');
              afterResponse: ""
        headers:
          - name: X-Notes
            value: "1"
        authentication:
          type: apikey
          key: X-Api-Key
          value: v5-api-key-7890
          addTo: header
        environment:
          folderVar: x
      - url: "{{ _.host }}/health"
        name: Health
        meta:
          id: req_health
          sortKey: 5
        method: HEAD
    cookieJar:
      name: Default Jar
      meta:
        id: jar_notes
      cookies:
        - key: sid
          value: abc
          domain: notes.example.com
    environments:
      name: Base Environment
      meta:
        id: env_notes
      data:
        host: https://notes.example.com
        title: Untitled
      subEnvironments:
        - name: Local
          meta:
            id: env_local
          data:
            host: http://127.0.0.1:8080
        - name: Secret stuff
          meta:
            id: env_private
          isPrivate: true
          data:
            password: local-pw-123456
    """
}
