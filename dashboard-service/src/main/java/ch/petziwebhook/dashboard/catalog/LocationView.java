package ch.petziwebhook.dashboard.catalog;

/**
 * A venue of the read model.
 *
 * @param id the read model's id
 * @param name the venue's name
 * @param street the street and number
 * @param city the city
 * @param postcode the postcode
 */
record LocationView(long id, String name, String street, String city, String postcode) {

}
