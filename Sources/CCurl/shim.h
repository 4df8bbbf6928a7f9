#include <curl/curl.h>

/*
 * curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
 * These typed wrappers exist only for that; each passes its argument through unchanged.
 */

typedef size_t (*sluice_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);

static inline CURLcode sluice_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sluice_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* For string options libcurl copies the string (CURLOPT_URL, CURLOPT_CUSTOMREQUEST); see curl_easy_setopt(3). */
static inline CURLcode sluice_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/* For pointers libcurl does NOT copy (CURLOPT_POSTFIELDS, CURLOPT_HTTPHEADER, *DATA): the caller keeps them alive
   until curl_easy_perform returns. */
static inline CURLcode sluice_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sluice_curl_setopt_callback(CURL *handle, CURLoption option, sluice_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

typedef int (*sluice_curl_progress_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                             curl_off_t ultotal, curl_off_t ulnow);

/* CURLOPT_XFERINFOFUNCTION: called about once a second even when no data moves; non-zero aborts the transfer. */
static inline CURLcode sluice_curl_setopt_progress(CURL *handle, sluice_curl_progress_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

static inline CURLcode sluice_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
