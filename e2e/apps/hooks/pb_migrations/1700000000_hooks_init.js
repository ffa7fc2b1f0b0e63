/// <reference path="../pb_data/types.d.ts" />

// The collections the hooks of this app use, a seed post and counters, and the app's name and sender.
migrate((app) => {
  const users = app.findCollectionByNameOrId("users")

  const posts = new Collection({
    type: "base",
    name: "posts",
    listRule: "",
    viewRule: "",
    createRule: "",
    updateRule: "",
    deleteRule: "",
    fields: [
      { name: "title", type: "text", required: true, max: 200 },
      { name: "slug", type: "text", max: 200 },
      { name: "views", type: "number", onlyInt: true },
      { name: "status", type: "select", maxSelect: 1, values: ["draft", "published"] },
      { name: "author", type: "relation", collectionId: users.id, maxSelect: 1, cascadeDelete: false },
      { name: "internal", type: "text" },
      { name: "attachment", type: "file", maxSelect: 1, maxSize: 1048576 },
      { name: "created", type: "autodate", onCreate: true },
      { name: "updated", type: "autodate", onCreate: true, onUpdate: true },
    ],
    indexes: ["CREATE UNIQUE INDEX idx_posts_slug ON posts (slug) WHERE slug != ''"],
  })
  app.save(posts)

  const counters = new Collection({
    type: "base",
    name: "counters",
    listRule: "",
    viewRule: "",
    fields: [
      { name: "name", type: "text", required: true },
      { name: "value", type: "number" },
    ],
    indexes: ["CREATE UNIQUE INDEX idx_counters_name ON counters (name)"],
  })
  app.save(counters)

  for (const name of ["cron", "posts_created"]) {
    const counter = new Record(counters, { name: name, value: 0 })
    app.save(counter)
  }

  const welcome = new Record(posts)
  welcome.set("title", "Welcome")
  welcome.set("slug", "welcome")
  welcome.set("views", 7)
  welcome.set("status", "published")
  welcome.set("internal", "seeded by a migration")
  app.save(welcome)

  const settings = app.settings()
  settings.meta.appName = "Hooks App"
  settings.meta.senderName = "Hooks Robot"
  settings.meta.senderAddress = "robot@hooks.example.com"
  app.save(settings)
}, (app) => {
  for (const name of ["counters", "posts"]) {
    const collection = app.findCollectionByNameOrId(name)
    app.delete(collection)
  }
})
