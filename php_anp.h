/*
 * anp: a fast parser for ANP post files, for PHP.
 */
#ifndef PHP_ANP_H
#define PHP_ANP_H

extern zend_module_entry anp_module_entry;
#define phpext_anp_ptr &anp_module_entry

#define PHP_ANP_VERSION "0.1.0"

#if defined(ZTS) && defined(COMPILE_DL_ANP)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif /* PHP_ANP_H */
