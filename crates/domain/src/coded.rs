//! `coded_enum!`: closed lists of values with stable codes, shared by every module.

/// Declares a closed list of values with stable kebab-case codes, like
/// [`OrganisationKind`](crate::org::OrganisationKind): `ALL`, `code()`, `FromStr` and
/// `Display`. One macro, so that every coded enum parses and prints the same way.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident as $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order forms, reports and matrices list them.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable code stored in the database and used in message keys and logs.
            pub const fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::access::UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .into_iter()
                    .find(|v| v.code() == s)
                    .ok_or_else(|| $crate::access::UnknownCode { what: $what, code: s.to_owned() })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
