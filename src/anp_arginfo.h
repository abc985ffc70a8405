/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 30e7979599e2863f44615e8f773e53e4dc2bc670 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_anp_parse, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, text, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_anp_parse_file, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Anp_ParseException___construct, 0, 0, 3)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, inputLine, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, reason, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, previous, Throwable, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Anp_ParseException_getPath, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Anp_ParseException_getInputLine, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Anp_ParseException_getReason arginfo_class_Anp_ParseException_getPath

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Anp_WxrWriter___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, target, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, items_only, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Anp_WxrWriter_startChannel, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, channel, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Anp_WxrWriter_writeAuthor, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, author, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Anp_WxrWriter_writeCategory, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, term, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Anp_WxrWriter_writeTag arginfo_class_Anp_WxrWriter_writeCategory

#define arginfo_class_Anp_WxrWriter_writeTerm arginfo_class_Anp_WxrWriter_writeCategory

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Anp_WxrWriter_beginItems, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Anp_WxrWriter_writeItem, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, item, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Anp_WxrWriter_bytes arginfo_class_Anp_ParseException_getInputLine

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Anp_WxrWriter_finish, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(anp_parse);
ZEND_FUNCTION(anp_parse_file);
ZEND_METHOD(Anp_ParseException, __construct);
ZEND_METHOD(Anp_ParseException, getPath);
ZEND_METHOD(Anp_ParseException, getInputLine);
ZEND_METHOD(Anp_ParseException, getReason);
ZEND_METHOD(Anp_WxrWriter, __construct);
ZEND_METHOD(Anp_WxrWriter, startChannel);
ZEND_METHOD(Anp_WxrWriter, writeAuthor);
ZEND_METHOD(Anp_WxrWriter, writeCategory);
ZEND_METHOD(Anp_WxrWriter, writeTag);
ZEND_METHOD(Anp_WxrWriter, writeTerm);
ZEND_METHOD(Anp_WxrWriter, beginItems);
ZEND_METHOD(Anp_WxrWriter, writeItem);
ZEND_METHOD(Anp_WxrWriter, bytes);
ZEND_METHOD(Anp_WxrWriter, finish);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(anp_parse, arginfo_anp_parse)
	ZEND_FE(anp_parse_file, arginfo_anp_parse_file)
	ZEND_FE_END
};


static const zend_function_entry class_Anp_ParseException_methods[] = {
	ZEND_ME(Anp_ParseException, __construct, arginfo_class_Anp_ParseException___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_ParseException, getPath, arginfo_class_Anp_ParseException_getPath, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_ParseException, getInputLine, arginfo_class_Anp_ParseException_getInputLine, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_ParseException, getReason, arginfo_class_Anp_ParseException_getReason, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Anp_WxrWriter_methods[] = {
	ZEND_ME(Anp_WxrWriter, __construct, arginfo_class_Anp_WxrWriter___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, startChannel, arginfo_class_Anp_WxrWriter_startChannel, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, writeAuthor, arginfo_class_Anp_WxrWriter_writeAuthor, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, writeCategory, arginfo_class_Anp_WxrWriter_writeCategory, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, writeTag, arginfo_class_Anp_WxrWriter_writeTag, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, writeTerm, arginfo_class_Anp_WxrWriter_writeTerm, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, beginItems, arginfo_class_Anp_WxrWriter_beginItems, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, writeItem, arginfo_class_Anp_WxrWriter_writeItem, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, bytes, arginfo_class_Anp_WxrWriter_bytes, ZEND_ACC_PUBLIC)
	ZEND_ME(Anp_WxrWriter, finish, arginfo_class_Anp_WxrWriter_finish, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Anp_WxrException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Anp_ParseException(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Anp", "ParseException", class_Anp_ParseException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_path_default_value;
	ZVAL_EMPTY_STRING(&property_path_default_value);
	zend_string *property_path_name = zend_string_init("path", sizeof("path") - 1, 1);
	zend_declare_typed_property(class_entry, property_path_name, &property_path_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_path_name);

	zval property_inputLine_default_value;
	ZVAL_LONG(&property_inputLine_default_value, 0);
	zend_string *property_inputLine_name = zend_string_init("inputLine", sizeof("inputLine") - 1, 1);
	zend_declare_typed_property(class_entry, property_inputLine_name, &property_inputLine_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_inputLine_name);

	zval property_reason_default_value;
	ZVAL_EMPTY_STRING(&property_reason_default_value);
	zend_string *property_reason_name = zend_string_init("reason", sizeof("reason") - 1, 1);
	zend_declare_typed_property(class_entry, property_reason_name, &property_reason_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_reason_name);

	return class_entry;
}

static zend_class_entry *register_class_Anp_WxrWriter(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Anp", "WxrWriter", class_Anp_WxrWriter_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Anp_WxrException(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Anp", "WxrException", class_Anp_WxrException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_field_default_value;
	ZVAL_EMPTY_STRING(&property_field_default_value);
	zend_string *property_field_name = zend_string_init("field", sizeof("field") - 1, 1);
	zend_declare_typed_property(class_entry, property_field_name, &property_field_default_value, ZEND_ACC_PUBLIC, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_field_name);

	return class_entry;
}
