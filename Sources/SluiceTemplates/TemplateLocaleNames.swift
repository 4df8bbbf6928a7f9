// Generated from pendulum 3.3.0's and Babel's locale data (python in /work/venv-airflow) by
// a short script: month and weekday names per locale (English shared by both).

/// Month and weekday names of one locale, in pendulum's or Babel's wording.
struct TemplateLocaleNames: Sendable {
    /// January first.
    var months: [String]
    var monthsAbbreviated: [String]
    /// Monday first.
    var days: [String]
    var daysAbbreviated: [String]
    var daysShort: [String]
    var am: String
    var pm: String

    /// English as pendulum and Babel's en_US name months and days.
    static let english = TemplateLocaleNames(
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        monthsAbbreviated: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        daysAbbreviated: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        daysShort: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
        am: "AM", pm: "PM")

    /// pendulum's locales by code (`en`, `de`, ...), for `format(..., locale=)`.
    static let pendulum: [String: TemplateLocaleNames] = [
        "en": english,
        "de": TemplateLocaleNames(
            months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
            monthsAbbreviated: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."],
            days: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
            daysAbbreviated: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
            daysShort: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
            am: "vorm.", pm: "nachm."),
        "fr": TemplateLocaleNames(
            months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            monthsAbbreviated: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
            days: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
            daysAbbreviated: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
            daysShort: ["lu", "ma", "me", "je", "ve", "sa", "di"],
            am: "AM", pm: "PM"),
        "es": TemplateLocaleNames(
            months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            monthsAbbreviated: ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
            days: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
            daysAbbreviated: ["lun.", "mar.", "mié.", "jue.", "vie.", "sáb.", "dom."],
            daysShort: ["LU", "MA", "MI", "JU", "VI", "SA", "DO"],
            am: "a. m.", pm: "p. m."),
        "nl": TemplateLocaleNames(
            months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            monthsAbbreviated: ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
            days: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
            daysAbbreviated: ["ma", "di", "wo", "do", "vr", "za", "zo"],
            daysShort: ["ma", "di", "wo", "do", "vr", "za", "zo"],
            am: "a.m.", pm: "p.m."),
    ]

    /// Babel's locales by code (`en_US`, `de_DE`, ...), for `macros.ds_format_locale`: format-context names.
    static let babel: [String: TemplateLocaleNames] = [
        "en_US": english,
        "en_GB": TemplateLocaleNames(
            months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
            monthsAbbreviated: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
            days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            daysAbbreviated: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            daysShort: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
            am: "am", pm: "pm"),
        "de_DE": TemplateLocaleNames(
            months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
            monthsAbbreviated: ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
            days: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
            daysAbbreviated: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
            daysShort: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
            am: "AM", pm: "PM"),
        "fr_FR": TemplateLocaleNames(
            months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            monthsAbbreviated: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
            days: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
            daysAbbreviated: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
            daysShort: ["lu", "ma", "me", "je", "ve", "sa", "di"],
            am: "AM", pm: "PM"),
        "es_ES": TemplateLocaleNames(
            months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            monthsAbbreviated: ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
            days: ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
            daysAbbreviated: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
            daysShort: ["LU", "MA", "MI", "JU", "VI", "SA", "DO"],
            am: "a. m.", pm: "p. m."),
        "nl_NL": TemplateLocaleNames(
            months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            monthsAbbreviated: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
            days: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
            daysAbbreviated: ["ma", "di", "wo", "do", "vr", "za", "zo"],
            daysShort: ["ma", "di", "wo", "do", "vr", "za", "zo"],
            am: "a.m.", pm: "p.m."),
        "it_IT": TemplateLocaleNames(
            months: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            monthsAbbreviated: ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
            days: ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
            daysAbbreviated: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
            daysShort: ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
            am: "AM", pm: "PM"),
        "pt_BR": TemplateLocaleNames(
            months: ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            monthsAbbreviated: ["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
            days: ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
            daysAbbreviated: ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."],
            daysShort: ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."],
            am: "AM", pm: "PM"),
    ]
}
