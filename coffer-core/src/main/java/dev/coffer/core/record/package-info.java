/**
 * Records: values of a collection's fields, their JSON form, loading and saving, and {@link
 * dev.coffer.core.record.RecordForm} which applies and validates submitted create/update data.
 */
package dev.coffer.core.record;
