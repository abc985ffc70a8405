dnl config.m4 for the anp extension

PHP_ARG_ENABLE([anp],
  [whether to enable anp support],
  [AS_HELP_STRING([--enable-anp], [Enable anp, the ANP post file parser])],
  [no])

if test "$PHP_ANP" != "no"; then
  dnl libxml2 is for the WXR writer; linking it needs the SUBST below, or the
  dnl module builds and loads without being linked to it.
  PHP_SETUP_LIBXML([ANP_SHARED_LIBADD], [
    AC_DEFINE([HAVE_ANP], [1], [Whether anp is enabled])
    PHP_NEW_EXTENSION([anp],
      [src/php_anp.c src/anp_parser.c src/anp_wxr.c src/php_anp_wxr.c],
      [$ext_shared],,
      [-DZEND_ENABLE_STATIC_TSRMLS_CACHE=1])
    PHP_ADD_BUILD_DIR([$ext_builddir/src])
    PHP_ADD_INCLUDE([$ext_srcdir/src])
    PHP_SUBST([ANP_SHARED_LIBADD])
  ])
fi
