/// <reference path="../pb_data/types.d.ts" />

// A second change of `posts`: a `summary` text field and a stricter delete rule.
migrate((app) => {
  const collection = app.findCollectionByNameOrId("posts")

  unmarshal({
    deleteRule: "@request.auth.id != ''",
  }, collection)

  collection.fields.add(new TextField({
    name: "summary",
    max: 60,
  }))

  app.save(collection)
}, (app) => {
  const collection = app.findCollectionByNameOrId("posts")

  unmarshal({
    deleteRule: "",
  }, collection)

  collection.fields.removeByName("summary")

  app.save(collection)
})
