/// <reference path="../pb_data/types.d.ts" />

// Custom routes and a global middleware.

onBootstrap((e) => {
  e.next()

  // after e.next() the app is bootstrapped: its store, settings and database are ready
  e.app.store().set("hooks.bootstrapped", e.app.isBootstrapped())
})

// a global middleware: every response (custom and built-in routes) gets this header
routerUse((e) => {
  e.response.header().set("X-Hooks-App", "hooks-e2e")
  if (e.request.url.path === "/api/hooks/guarded") {
    e.set("trail", e.get("trail") + ">global")
  }
  return e.next()
})

// registered later, but its lower priority runs it before the one above (default priority 0)
routerUse(new Middleware((e) => {
  if (e.request.url.path === "/api/hooks/guarded") {
    e.set("trail", "first")
  }
  return e.next()
}, -10))

routerAdd("GET", "/hello/{name}", (e) => {
  let name = e.request.pathValue("name")

  return e.json(200, { "message": "Hello " + name })
})

routerAdd("GET", "/api/hooks/greet/{name}", (e) => {
  const utils = require(`${__hooks}/utils.js`)

  return e.json(200, {
    greeting: utils.greeting(e.request.pathValue("name")),
    slug: utils.slugify("Hooks & Migrations, Together!"),
  })
})

routerAdd("GET", "/api/hooks/text", (e) => e.string(200, "plain text from a hook"))

routerAdd("GET", "/api/hooks/page", (e) => e.html(200, "<p>html from a hook</p>"))

routerAdd("GET", "/api/hooks/old-page", (e) => e.redirect(307, "/api/hooks/page"))

routerAdd("DELETE", "/api/hooks/nothing", (e) => e.noContent(204))

routerAdd("GET", "/api/hooks/booted", (e) => {
  return e.json(200, { bootstrapped: $app.store().get("hooks.bootstrapped") })
})

// everything a handler can read about its request
routerAdd("POST", "/api/hooks/echo/{id}", (e) => {
  const info = e.requestInfo()

  return e.json(200, {
    id: e.request.pathValue("id"),
    method: info.method,
    query: info.query,
    header: info.headers["x_hooks_test"],
    body: info.body,
    auth: info.auth ? info.auth.id : "",
    authCollection: info.auth ? info.auth.collection().name : "",
    isSuperuser: e.hasSuperuserAuth(),
    path: e.request.url.path,
    queryParam: e.request.url.query().get("lang"),
  })
})

routerAdd("POST", "/api/hooks/bind", (e) => {
  const data = new DynamicModel({
    // describes the shape of the data (used also as initial values)
    title: "",
    count: 0,
    active: false,
    tags: [],
    meta: {},
  })

  e.bindBody(data)

  return e.json(200, {
    title: data.title,
    count: data.count,
    active: data.active,
    tags: data.tags,
    meta: data.meta,
  })
})

routerAdd("GET", "/api/hooks/me", (e) => {
  return e.json(200, {
    id: e.auth.id,
    email: e.auth.email(),
    collection: e.auth.collection().name,
  })
}, $apis.requireAuth())

routerAdd("GET", "/api/hooks/admin", (e) => {
  return e.json(200, { superuser: e.auth.email() })
}, $apis.requireSuperuserAuth())

// route-level middleware, run before the handler
routerAdd("GET", "/api/hooks/guarded", (e) => {
  return e.json(200, { passed: e.get("guard"), trail: e.get("trail") + ">handler" })
}, (e) => {
  if (e.request.header.get("X-Pass") !== "yes") {
    throw new ForbiddenError("Missing pass.")
  }
  e.set("guard", "checked")
  e.set("trail", e.get("trail") + ">route")
  return e.next()
})

routerAdd("GET", "/api/hooks/fail/{kind}", (e) => {
  switch (e.request.pathValue("kind")) {
    case "bad":
      throw new BadRequestError("Invalid request data.", {
        title: new ValidationError("invalid_title", "The title is not valid."),
      })
    case "forbidden":
      throw new ForbiddenError()
    case "missing":
      throw new NotFoundError("Nothing here.")
    case "teapot":
      throw new ApiError(418, "I'm a teapot.", { kind: "teapot" })
    default:
      throw new Error("something broke")
  }
})

// $app's records and database helpers
routerAdd("GET", "/api/hooks/stats", (e) => {
  const published = $app.findRecordsByFilter("posts", "status = {:status}", "-views", 10, 0, { status: "published" })
  const welcome = $app.findFirstRecordByFilter("posts", "slug = {:slug}", { slug: "welcome" })
  const byId = $app.findRecordById("posts", welcome.id)
  const collection = $app.findCollectionByNameOrId("posts")

  const total = new DynamicModel({ total: 0 })
  $app.db()
    .newQuery("SELECT COUNT(*) AS total FROM posts WHERE status = {:status}")
    .bind({ status: "published" })
    .one(total)

  const rows = arrayOf(new DynamicModel({ title: "", views: 0 }))
  $app.db()
    .newQuery("SELECT title, views FROM posts WHERE views >= {:min} ORDER BY views DESC, title ASC")
    .bind({ min: 7 })
    .all(rows)

  return e.json(200, {
    count: $app.countRecords("posts"),
    publishedTitles: published.map((r) => r.getString("title")),
    welcomeId: welcome.id,
    byIdTitle: byId.get("title"),
    collection: { name: collection.name, type: collection.type, fields: collection.fields.fieldNames() },
    publishedTotal: total.total,
    rows: rows.map((r) => ({ title: r.title, views: r.views })),
    appName: $app.settings().meta.appName,
  })
})

// creates posts in one transaction; "failAt" makes it throw after that many, so none is kept
routerAdd("POST", "/api/hooks/posts/batch", (e) => {
  const body = e.requestInfo().body
  const ids = []

  try {
    $app.runInTransaction((txApp) => {
      const collection = txApp.findCollectionByNameOrId("posts")
      body.titles.forEach((title, i) => {
        if (body.failAt === i) {
          throw new BadRequestError("Stopped at " + i + ".")
        }
        const record = new Record(collection, { title: title, status: "draft" })
        txApp.save(record)
        ids.push(record.id)
      })
    })
  } catch (err) {
    return e.json(400, { error: String(err.message || err), ids: ids })
  }

  return e.json(200, { ids: ids })
})

routerAdd("DELETE", "/api/hooks/posts/{slug}", (e) => {
  const record = $app.findFirstRecordByData("posts", "slug", e.request.pathValue("slug"))
  $app.delete(record)
  return e.json(200, { deleted: record.id })
}, $apis.requireSuperuserAuth())

// a post with a file made from bytes
routerAdd("POST", "/api/hooks/posts-with-file", (e) => {
  const body = e.requestInfo().body
  const collection = $app.findCollectionByNameOrId("posts")
  const record = new Record(collection)
  record.set("title", body.title)
  record.set("attachment", $filesystem.fileFromBytes(toBytes(body.content), "note.txt"))
  $app.save(record)

  return e.json(200, { id: record.id, attachment: record.getString("attachment") })
})

routerAdd("GET", "/api/hooks/log/{marker}", (e) => {
  $app.logger().info("hooks log entry", "marker", e.request.pathValue("marker"), "answer", 42)
  return e.json(200, { logged: true })
})
