def test_fred_profile_is_public(client, fred):
    response = client.get("/u/fred")
    assert response.status_code == 200
    assert b"Django developer" in response.content
    assert b"fred@example.com" not in response.content
