/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 816b7c42518f6af524e6343412ab351ca240ad2e */

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


ZEND_FUNCTION(anp_parse);
ZEND_FUNCTION(anp_parse_file);
ZEND_METHOD(Anp_ParseException, __construct);
ZEND_METHOD(Anp_ParseException, getPath);
ZEND_METHOD(Anp_ParseException, getInputLine);
ZEND_METHOD(Anp_ParseException, getReason);


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
