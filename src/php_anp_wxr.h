/*
 * anp: the Zend binding of the WXR writer core (php_anp_wxr.c).
 */
#ifndef PHP_ANP_WXR_H
#define PHP_ANP_WXR_H

/* Called from the module's MINIT with the classes anp_arginfo.h registered:
 * gives Anp\WxrWriter its object handlers. */
void php_anp_wxr_minit(zend_class_entry *writer_ce, zend_class_entry *exception_ce);

#endif /* PHP_ANP_WXR_H */
