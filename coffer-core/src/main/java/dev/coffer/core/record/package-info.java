/** Records: values of a collection's fields, their JSON form, loading and saving. */
package dev.coffer.core.record;
