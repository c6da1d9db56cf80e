def test_unknown_address_gets_the_sites_own_404_page(client, db):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content
    assert b"Find freelancers" in response.content
